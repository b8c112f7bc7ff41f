import sys
sys.path.insert(0, "/work/main")
from transforms import operations as O, platforms as P, roles as R, metrics as M
from transforms import boundaries as B
for p in [O._ENFORCEMENT_VERB, P.NOT_PIRATED_CUE, R.LEAD_CUE, M._ABROAD_ANYWHERE]:
    try:
        parser = B._Parser(p); br = parser.branches(); print(parser.at, len(p)); B._rewrite(br, True, True)
    except Exception as e:
        print(type(e).__name__, e, p[:100])
