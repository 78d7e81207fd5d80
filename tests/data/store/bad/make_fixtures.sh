#!/bin/sh
# Writes the malformed datasets of this folder (run it here: sh make_fixtures.sh).
# Each case is CASE.csv, sometimes with CASE.indicators.csv and
# CASE.history.csv; MANIFEST lists what `check` must report for it. The
# bytes are spelt out with printf so that a reader sees every CR, NUL and
# invalid UTF-8 sequence; the files themselves are committed (see
# .gitattributes: no end-of-line conversion). Three very large cases (a
# 100 KB field, 10 MB fields) are made by tests/cli/test_malformed.sh at
# run time instead of being committed.
set -eu
cd "$(dirname "$0")"
H='indicator,year,value,as_of,source,note'
OK='lvl,2018,100,,http://example.org/a,'
CAT='indicator,title,unit,kind,description
lvl,A level,standards,stock,A stock
pct,A growth rate,percent,rate,Growth of lvl'

put() { printf "$2" > "$1"; }          # put FILE FORMAT: bytes, escapes expanded
cat_for() { printf '%s\n' "$CAT" > "$1.indicators.csv"; }

# --- syntax ---------------------------------------------------------------
put 01-unterminated-quote.csv "$H\n$OK\nlvl,2019,\"100,,src,\n"
put 02-stray-quote.csv "$H\n$OK\nlvl,2019,10\"0,,src,\n"
put 03-text-after-quote.csv "$H\n$OK\nlvl,2019,\"100\"x,,src,\n"
put 04-ragged-long.csv "$H\n$OK\nlvl,2019,100,,src,,extra\n"
put 05-ragged-short.csv "$H\n$OK\nlvl,2019,100,,src\n"
put 06-nul-byte.csv "$H\n$OK\nlvl,2019,1\00000,,src,\n"
put 07-bare-cr.csv "$H\n$OK\nlvl,2019,100,,src,\rlvl,2020,110,,src,\n"
put 08-cr-inside-row.csv "$H\r\n$OK\r\nlvl,2019,100\r,,src,\r\n"
put 09-utf16-bom.csv '\377\376i\000n\000d\000\n\000'
put 10-bom-inside.csv "$H\n$OK\n\357\273\277lvl,2019,100,,src,\n"
put 11-invalid-utf8.csv "$H\n$OK\nlvl,2019,100,,src,caf\351\n"
put 12-overlong-utf8.csv "$H\n$OK\nlvl,2019,100,,src,\300\257etc\n"
put 13-surrogate-utf8.csv "$H\n$OK\nlvl,2019,100,,\355\240\200,\n"
# --- header ---------------------------------------------------------------
put 14-duplicate-header.csv "indicator,year,value,source,year\nlvl,2019,100,src,2019\n"
put 15-missing-required.csv "indicator,value,source\nlvl,100,src\n"
put 16-empty-column-name.csv "indicator,year,,value\nlvl,2019,x,100\n"
put 17-empty-file.csv ""
# --- fields ---------------------------------------------------------------
put 18-bad-year.csv "$H\n$OK\nlvl,20l9,100,,src,\n"
put 19-year-out-of-range.csv "$H\n$OK\nlvl,20019,100,,src,\n"
put 20-year-decimal.csv "$H\n$OK\nlvl,2019.0,100,,src,\n"
put 21-bad-grouping.csv "$H\n$OK\nlvl,2019,\"1164,000\",,src,\n"
put 22-nan.csv "$H\n$OK\nlvl,2019,NaN,,src,\n"
put 23-empty-value.csv "$H\n$OK\nlvl,2019,,,src,\n"
put 24-value-with-space.csv "$H\n$OK\nlvl,2019,\"12 195\",,src,\n"
put 25-percent-not-rate.csv "$H\n$OK\nlvl,2019,12%%,,src,\n"
cat_for 25-percent-not-rate
put 26-decimal-comma.csv "$H\n$OK\nlvl,2019,\"0,500\",,src,\n"
put 27-control-char.csv "$H\n$OK\nlvl,2019,100,,src,\"bell\007here\"\n"
put 28-newline-in-field.csv "$H\n$OK\nlvl,2019,100,,src,\"two\nlines\"\n"
put 29-formula.csv "$H\n$OK\nlvl,2019,100,,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\n"
put 30-bad-date.csv "$H\n$OK\nlvl,2019,100,2019-02-30,src,\n"
put 31-date-before-year.csv "$H\n$OK\nlvl,2019,100,2018-12-31,src,\n"
put 32-bad-status.csv "indicator,year,value,status\nlvl,2018,100,\nlvl,2019,100,Z\n"
put 33-bad-role.csv "indicator,year,value,role\nlvl,2018,100,\nlvl,2019,100,main\n"
put 34-bad-indicator-id.csv "$H\n$OK\n9lvl,2019,100,,src,\n"
put 35-unknown-column-control.csv "indicator,year,value,comment\nlvl,2019,100,\"esc\033[31m\"\n"
# --- rules across rows (loading succeeds; check fails) --------------------
put 36-unit-contradicts-catalog.csv "indicator,year,value,unit\nlvl,2018,100,standards\nlvl,2019,110,items\n"
cat_for 36-unit-contradicts-catalog
put 37-duplicate-row.csv "$H\n$OK\nlvl,2019,110,,src,\nlvl,2019,110,,src,\n"
put 38-conflict.csv "$H\n$OK\nlvl,2019,110,,src A,\nlvl,2019,111,,src B,\n"
put 39-two-primaries.csv "indicator,year,value,source,role\nlvl,2019,110,A,primary\nlvl,2019,111,B,primary\n"
put 40-not-in-catalog.csv "$H\n$OK\nother,2019,5,,src,\n"
cat_for 40-not-in-catalog
# --- catalog --------------------------------------------------------------
put 41-catalog-rate-unit.csv "$H\n$OK\n"
put 41-catalog-rate-unit.indicators.csv "indicator,title,unit,kind\nlvl,A level,standards,stock\npct,Growth,standards,rate\n"
put 42-catalog-bad-kind.csv "$H\n$OK\n"
put 42-catalog-bad-kind.indicators.csv "indicator,title,unit,kind\nlvl,A level,standards,level\n"
put 43-catalog-declared-twice.csv "$H\n$OK\n"
put 43-catalog-declared-twice.indicators.csv "indicator,title,unit,kind\nlvl,A level,standards,stock\nlvl,Again,standards,stock\n"
put 44-catalog-ragged.csv "$H\n$OK\n"
put 44-catalog-ragged.indicators.csv "indicator,title,unit,kind\nlvl,A level,standards\n"
# --- history --------------------------------------------------------------
put 45-history-unterminated.csv "$H\n$OK\n"
put 45-history-unterminated.history.csv "time,action,indicator,entity,year,as_of,old_value,new_value\n2026-01-01T00:00:00Z,append,lvl,,2018,,,\"100\n"
