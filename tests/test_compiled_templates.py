"""Compiled templates are kept for the process (site/compiled_templates.py): a new environment compiles nothing
it compiled before, and an edited template is compiled again."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader

from mcglossary.site.compiled_templates import TEMPLATE_CODE, ProcessBytecodeCache
from mcglossary.site.pages import environment


def counting_compiles(monkeypatch) -> list[str]:
    compiled: list[str] = []
    real = Environment.compile

    def compile_counted(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", compile_counted)
    return compiled


def test_a_new_environment_reuses_the_compiled_templates(monkeypatch):
    environment(TEMPLATE_CODE).get_template("term.html")  # compiled here, or by an earlier test
    compiled = counting_compiles(monkeypatch)
    environment(TEMPLATE_CODE).get_template("term.html")
    assert compiled == []


def test_an_edited_template_is_compiled_again(tmp_path, monkeypatch):
    cache = ProcessBytecodeCache()
    (tmp_path / "page.html").write_text("one {{ x }}", encoding="utf-8")

    def render() -> str:
        env = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache)
        return env.get_template("page.html").render(x=1)

    assert render() == "one 1"
    compiled = counting_compiles(monkeypatch)
    assert render() == "one 1" and compiled == []
    (tmp_path / "page.html").write_text("two {{ x }}", encoding="utf-8")
    assert render() == "two 1" and compiled == ["page.html"]
