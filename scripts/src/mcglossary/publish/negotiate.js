// The format an Accept header asks for, decided as publish/accept.py decides it (RFC 9110): nginx's njs module
// calls format() for $mcg_format. TABLE (our formats, their media types, the range grammar) is written above by
// mcglossary.conneg, from accept.py, so there is one list of media types.
var RANGE = new RegExp('^(?:' + TABLE.range + ')$', 'i');

function thousandths(q) {
    // "0.5" -> 500; absent -> 1000
    if (q === undefined || q === null) {
        return 1000;
    }
    var parts = q.split('.');
    if (parts[0] === '1') {
        return 1000;
    }
    return parseInt(((parts[1] || '') + '000').slice(0, 3), 10);
}

function ranges(accept) {
    // media range (lower case) -> weight, each range as first listed; malformed ones left out
    var found = {};
    var elements = accept.match(/(?:[^,"]|"[^"]*")+/g) || [];
    for (var i = 0; i < elements.length; i++) {
        if (!elements[i].trim()) {
            continue;
        }
        var match = RANGE.exec(elements[i]);
        if (!match) {
            continue;
        }
        var media = match[1].toLowerCase();
        if (!(media in found)) {
            found[media] = thousandths(match[3]);
        }
    }
    return found;
}

function weight(listed, media) {
    // the weight of the most specific range that is listed: type/subtype, type/*, */*
    var candidates = [media, media.split('/')[0] + '/*', '*/*'];
    for (var i = 0; i < candidates.length; i++) {
        if (candidates[i] in listed) {
            return listed[candidates[i]];
        }
    }
    return 0;
}

function decide(accept) {
    var listed = accept && accept.trim() ? ranges(accept) : {'*/*': 1000};
    var best = 0;
    var chosen = '';
    for (var i = 0; i < TABLE.order.length; i++) {
        var key = TABLE.order[i];
        // the type it is served as, however it is listed; its other names only when listed themselves
        var heaviest = weight(listed, TABLE.media[key][0]);
        for (var j = 1; j < TABLE.media[key].length; j++) {
            heaviest = Math.max(heaviest, listed[TABLE.media[key][j]] || 0);
        }
        if (heaviest > best) {  // strictly heavier wins, so the earlier format keeps a tie
            best = heaviest;
            chosen = key;
        }
    }
    return chosen;
}

function format(r) {
    return decide(r.headersIn['Accept'] || '');
}

export default {format: format, decide: decide};
