// The editor parts the query page uses, bundled by esbuild at set-up into one ES module (.cache/web/dist/editor.js).
export { EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine } from "@codemirror/view";
export { EditorState, EditorSelection } from "@codemirror/state";
export { history, defaultKeymap, historyKeymap, indentWithTab } from "@codemirror/commands";
export { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
export { HighlightStyle, syntaxHighlighting, bracketMatching } from "@codemirror/language";
export { tags } from "@lezer/highlight";
export { sparql } from "codemirror-lang-sparql";
