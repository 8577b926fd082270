"""Oracle for tokenize-differential.test.ts: CPython's own tokenize on request.

Reads lines `H<TAB>path` or `D<TAB>path` from stdin and writes one line per request:
  ok <crc32> <count> <errortokens>   (H: checksum of the NAME/STRING/COMMENT positions)
  ok <type> <srow> <scol> <erow> <ecol> ...   (D: the positions themselves)
  skip <reason>                      (CPython could not tokenize the file)
Positions are tokenize's (1-based row, code-point column) after universal newlines;
types are 1 NAME, 3 STRING, 5 COMMENT (the lexer's numbering).
"""
import sys
import tokenize
import zlib
from array import array

KEEP = {tokenize.NAME: 1, tokenize.STRING: 3, tokenize.COMMENT: 5}


def positions(path):
    out = array('i')
    errors = 0
    with tokenize.open(path) as f:
        for tok in tokenize.generate_tokens(f.readline):
            t = KEEP.get(tok.type)
            if t is not None:
                out.extend((t, tok.start[0], tok.start[1], tok.end[0], tok.end[1]))
            elif tok.type == tokenize.ERRORTOKEN and not tok.string.isspace():
                errors += 1
    return out, errors


def main():
    write = sys.stdout.write
    for line in sys.stdin:
        mode, _, path = line.rstrip('\n').partition('\t')
        try:
            arr, errors = positions(path)
        except Exception as e:  # any failure means CPython cannot tokenize it
            write('skip %s\n' % type(e).__name__)
            continue
        if sys.byteorder != 'little':
            arr.byteswap()
        if mode == 'H':
            write('ok %d %d %d\n' % (zlib.crc32(arr.tobytes()), len(arr) // 5, errors))
        else:
            write('ok ' + ' '.join(map(str, arr)) + '\n')
    sys.stdout.flush()


if __name__ == '__main__':
    main()
