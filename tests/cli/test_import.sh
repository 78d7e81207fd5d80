#!/usr/bin/env bash
# CLI test of imports (the World Bank's WDI CSV, Our World in Data's grapher
# CSV, SDMX-CSV 1.0 and 2.0) and exports (OWID, SDMX, wide, a Frictionless
# Data Package), on the sample files of tests/data/import/ (their README says
# what each holds) and on a copy of the shipped dataset. Every figure is
# checked against an independent reader (exchange_ref.py, Python's csv
# module); every write goes through write_checked (store_lib.sh).
set -eu
. "$SOURCE_DIR/tests/cli/store_lib.sh"

S="$SOURCE_DIR/tests/data/import"
REF="python3 $SOURCE_DIR/tests/cli/exchange_ref.py"
API="$S/wdi/API_NY.GDP.MKTP.CD_DS2_en_csv_v2.csv"
cd "$work"

# same_figures WHAT A B: the two lists of figures are the same set.
same_figures() {
    sort "$2" >"$work/a.sorted"
    sort "$3" >"$work/b.sorted"
    checks=$((checks + 1))
    if ! cmp -s "$work/a.sorted" "$work/b.sorted"; then
        fail "$1: $(diff "$work/a.sorted" "$work/b.sorted" | head -n 6)"
    fi
}

# ---- WDI: the API download into a new dataset ----------------------------

mkdir wdi
write_checked "wdi: a new dataset" wdi/w.csv import wdi "$API"
expect_rc 0 "wdi: import the API download into a dataset that does not exist"
has "$work/err" "279 figures of 1 indicator for 6 entities: 279 added" \
    "wdi: the summary"
has "$work/err" "113 empty cells" "wdi: gaps counted"
for f in w.csv w.indicators.csv w.history.csv w.entities.csv; do
    check "wdi: $f created" test -f "wdi/$f"
done
$REF wdi "$API" >want
$REF obs wdi/w.csv >got
same_figures "wdi: every figure of the file, exactly" want got
lines got 279 "wdi: no figure more"
has wdi/w.indicators.csv 'NY.GDP.MKTP.CD,GDP at market prices (current US$),current US$,' \
    "wdi: title and unit from the metadata and the name"
has wdi/w.indicators.csv "World Bank national accounts data, and OECD National Accounts data files." \
    "wdi: the source organisation"
has wdi/w.entities.csv 'COG,"Congo, Rep."' "wdi: a name with a comma kept"
has wdi/w.entities.csv "CIV,Cote d'Ivoire" "wdi: a name with an apostrophe"
lacks wdi/w.entities.csv "CUW" "wdi: an entity without figures has no title row"
run -d wdi/w.csv list --format csv
has "$work/out" '"NY.GDP.MKTP.CD","CHN"' "wdi: a series per entity"
lacks "$work/out" '"CUW"' "wdi: Curacao has no figures"
has wdi/w.csv "last updated 2016-05-02" "wdi: the release date in the source"

snapshot wdi
write_checked "wdi: again" wdi/w.csv import wdi "$API"
expect_rc 0 "wdi: the same file again"
has "$work/err" "0 added, 0 revised, 279 unchanged" "wdi: nothing to do"
unchanged wdi "wdi: a second import changes no file"

# A later release: China's 2014 figure changed (made up), a new date.
sed -e 's/"2016-05-02"/"2016-07-01"/' \
    -e '/"CHN"/s/"10354831729340.4"/"10482371325831.5"/' "$API" >later.csv
write_checked "wdi: a later release" wdi/w.csv import wdi later.csv
expect_rc 0 "wdi: a later release"
has "$work/err" "0 added, 1 revised, 278 unchanged" "wdi: one revision"
tail -n1 wdi/w.history.csv >last
has last ",revise,NY.GDP.MKTP.CD,CHN,2014,,10354831729340.4,10482371325831.5," \
    "wdi: the old figure kept in the history"
has last "last updated 2016-07-01" "wdi: the revision cites its release"
snapshot wdi
write_checked "wdi: the later release again" wdi/w.csv import wdi later.csv
unchanged wdi "wdi: the later release again changes nothing"

# Filters, into another new dataset.
mkdir filt
write_checked "wdi: filtered" filt/f.csv import wdi "$API" --entities CHN,DEU \
    --kind flow
expect_rc 0 "wdi: --entities"
has "$work/err" "for 2 entities" "wdi: two entities"
has filt/f.indicators.csv ",current US\$,flow," "wdi: --kind for the new indicator"
run -d filt/f.csv import wdi "$API" --indicators NY.GDP.PCAP.CD
expect_rc 65 "wdi: an indicator filter that keeps nothing"
has "$work/err" "the filters left none" "wdi: says why"

# The bulk file, with WDISeries.csv beside it: the same figures.
mkdir bulk
write_checked "wdi: bulk" bulk/b.csv import wdi "$S/wdi-bulk/WDICSV.csv"
expect_rc 0 "wdi: the bulk WDICSV.csv"
$REF obs bulk/b.csv >got
same_figures "wdi: the bulk file's figures are the API download's" want got
has bulk/b.indicators.csv "GDP at purchaser's prices" "wdi: description from WDISeries.csv"

# Refusals: the place, and nothing changes.
cp -r wdi wdi-bad
snapshot wdi-bad
sed '/"DEU"/s/"3868291231823.77"/"3,868,291,231,82"/' "$API" >bad.csv
write_checked "wdi: a bad figure" wdi-bad/w.csv import wdi bad.csv
expect_rc 65 "wdi: a bad figure"
has "$work/err" "bad.csv:12:59: " "wdi: its place (line, field)"
lines "$work/err" 1 "wdi: one line"
unchanged wdi-bad "wdi: a refused import changes nothing"
printf 'a,b\n1,2\n' >notwdi.csv
mkdir new
run -d new/new.csv import wdi notwdi.csv
expect_rc 65 "wdi: not a WDI file"
has "$work/err" "not a WDI file" "wdi: says so"
check "a refused import into a new dataset leaves no file" \
    test ! -e new/new.csv -a ! -e new/new.lock -a ! -e new/new.history.csv
run -d new/new.csv import wdi missing.csv
expect_rc 66 "wdi: a missing file"
run -d new/new.csv import xls "$API"
expect_rc 64 "an unknown format"

# ---- WDI into the shipped dataset: compare China with Germany -------------

mkdir ship
cp "$SOURCE_DIR"/datasets/china-standardization.csv \
    "$SOURCE_DIR"/datasets/china-standardization.indicators.csv ship/
D=ship/china-standardization.csv
write_checked "wdi: into the shipped dataset" "$D" import wdi "$API" \
    --entities CHN,DEU --kind flow
expect_rc 0 "wdi: into an existing dataset"
run -d "$D" growth NY.GDP.MKTP.CD --entities CHN,DEU --format csv
expect_rc 0 "growth --entities"
has "$work/out" '"NY.GDP.MKTP.CD","CHN"' "growth compares China"
has "$work/out" '"NY.GDP.MKTP.CD","DEU"' "and Germany"
run -d "$D" project NY.GDP.MKTP.CD --entities CHN,DEU --to 2020 \
    --model linear --format csv
expect_rc 0 "project --entities"
has "$work/out" '"NY.GDP.MKTP.CD","DEU"' "project compares Germany"
run -d "$D" chart NY.GDP.MKTP.CD --entities CHN,DEU -o "$work/gdp.gp"
expect_rc 0 "chart --entities"
has "$work/gdp.gp" "(China)" "the chart names China by its title"
has "$work/gdp.gp" "(Germany)" "and Germany"
run -d "$D" growth NY.GDP.MKTP.CD --entities CHN,FRA
expect_rc 65 "growth --entities with an entity without figures"

# ---- OWID ------------------------------------------------------------------

mkdir owid
write_checked "owid: life expectancy" owid/o.csv import owid \
    "$S/owid/life-expectancy.csv"
expect_rc 0 "owid: the grapher CSV with its metadata"
$REF owid "$S/owid/life-expectancy.csv" life_expectancy_0 >want
$REF obs owid/o.csv >got
same_figures "owid: every figure, 38. and .5e2 included" want got
has owid/o.indicators.csv "life_expectancy_0,Life expectancy,years,,Period life expectancy is" \
    "owid: id, title, unit and description from the metadata"
has owid/o.indicators.csv ",1543..2023" "owid: the span from the timespan"
has owid/o.csv "https://ourworldindata.org/grapher/life-expectancy" \
    "owid: the chart's address as the source"
has owid/o.entities.csv 'SHN,"Saint Helena, Ascension and Tristan da Cunha"' \
    "owid: a quoted entity"
has owid/o.csv "life_expectancy_0,Africa,1950," \
    "owid: a region without a code keeps its name"
snapshot owid
write_checked "owid: again" owid/o.csv import owid "$S/owid/life-expectancy.csv"
has "$work/err" "0 added, 0 revised, 9 unchanged" "owid: nothing to do"
unchanged owid "owid: the same file again changes nothing"
write_checked "owid: population" owid/o.csv import owid "$S/owid/population.csv"
expect_rc 0 "owid: short column names, 10000 BCE"
has "$work/err" "1 of years beyond -9999..9999" "owid: -10000 left out"
has owid/o.indicators.csv 'population_historical,Population,people,,"Population by country' \
    "owid: the short name is the id"
has owid/o.indicators.csv ",-10000..2023" "owid: a span from 10000 BCE"
run -d owid/o.csv check
expect_rc 0 "owid: check"
lacks "$work/out" "outside 1800-2100" "owid: years inside the declared span are no warning"
write_checked "owid: two columns, no metadata" owid/o.csv import owid \
    "$S/owid/electricity.csv"
has "$work/err" "4 figures of 2 indicators" "owid: two indicators"
has owid/o.indicators.csv "share_of_the_population_with_access_to_electricity," \
    "owid: an id made of the column's name"
snapshot owid
write_checked "owid: daily data" owid/o.csv import owid "$S/owid/covid-daily.csv"
expect_rc 65 "owid: a Day column is refused"
has "$work/err" "covid-daily.csv:1:3: daily data" "owid: the place and why"
printf 'Entity,Code,Year,x\nA,A,2020,1\n' >meta.csv
printf '{"columns": {"x": {"unit": "u",}}}' >meta.metadata.json
write_checked "owid: bad metadata" owid/o.csv import owid meta.csv
expect_rc 65 "owid: a metadata file that is not JSON"
has "$work/err" "meta.metadata.json:1:32: a comma before the end" \
    "owid: the JSON's place"
unchanged owid "owid: refusals change nothing"

# ---- SDMX ------------------------------------------------------------------

mkdir sdmx
write_checked "sdmx: Eurostat" sdmx/s.csv import sdmx "$S/sdmx/estat_nama_10_gdp.csv"
expect_rc 0 "sdmx: SDMX-CSV 1.0 from Eurostat"
has "$work/err" "8 figures of 2 indicators for 3 entities" "sdmx: the summary"
has "$work/err" "2 empty cells" "sdmx: ':' and a confidential cell are gaps"
run -d sdmx/s.csv show NAMA_10_GDP.CP_MEUR.B1GQ --entity EU27_2020 --format csv
paste -d' ' <(csv_column "$work/out" year) <(csv_column "$work/out" status) \
    <(csv_column "$work/out" note) >rows
has rows "2021 E " "sdmx: OBS_FLAG e is E"
has rows "2022 B OBS_FLAG 'bep'" "sdmx: bep is a break, the flag kept"
has sdmx/s.csv "last update 26/04/24 23:00:00" "sdmx: LAST UPDATE in the source"
has sdmx/s.indicators.csv "NAMA_10_GDP.PC_GDP.B1GQ," "sdmx: another unit, another indicator"
write_checked "sdmx: OECD" sdmx/s.csv import sdmx "$S/sdmx/oecd_labels_v2.csv"
expect_rc 0 "sdmx: SDMX-CSV 2.0, labels=both"
has "$work/err" "1 of other frequencies" "sdmx: the quarterly row left out"
has sdmx/s.entities.csv "DEU,Germany" "sdmx: the area's label is its title"
has sdmx/s.indicators.csv 'DF_QNA.B1GQ.USD_PPP,"DF_QNA: Gross domestic product, US dollars PPP converted",US dollars PPP converted (x 10^9),' \
    "sdmx: id, title and unit with its multiplier"
write_checked "sdmx: IMF" sdmx/s.csv import sdmx "$S/sdmx/names_v2.csv"
expect_rc 0 "sdmx: SDMX-CSV 2.0, labels=name"
run -d sdmx/s.csv show NGDP_RPCH --entity CN --format csv
paste -d' ' <(csv_column "$work/out" year) <(csv_column "$work/out" status) \
    <(csv_column "$work/out" note) >rows
has rows "2023 E Estimate, October release" "sdmx: OBS_STATUS and OBS_COMMENT"
run -d sdmx/s.csv show NGDP_RPCH --format csv
has "$work/out" '"NGDP_RPCH","",2023,3.3' "sdmx: _Z is the dataset's own subject"
snapshot sdmx
for f in estat_nama_10_gdp oecd_labels_v2 names_v2; do
    write_checked "sdmx: $f again" sdmx/s.csv import sdmx "$S/sdmx/$f.csv"
    has "$work/err" "0 added, 0 revised" "sdmx: $f again: nothing to do"
done
unchanged sdmx "sdmx: the same files again change nothing"
write_checked "sdmx: a deletion" sdmx/s.csv import sdmx "$S/sdmx/delete_v2.csv"
expect_rc 65 "sdmx: ACTION D is refused"
has "$work/err" "delete_v2.csv:2:3: ACTION D" "sdmx: the place"
printf 'STRUCTURE[|];STRUCTURE_ID;ACTION;REF_AREA;TIME_PERIOD;OBS_VALUE\n' >semi.csv
write_checked "sdmx: semicolons" sdmx/s.csv import sdmx semi.csv
expect_rc 65 "sdmx: a semicolon-separated file"
has "$work/err" "semi.csv:1:1: the fields are separated by ';'" "sdmx: says so"
write_checked "sdmx: not SDMX" sdmx/s.csv import sdmx "$API"
expect_rc 65 "sdmx: a file that is not SDMX-CSV"
unchanged sdmx "sdmx: refusals change nothing"
mkdir area
write_checked "sdmx: --area" area/a.csv import sdmx "$S/sdmx/estat_nama_10_gdp.csv" \
    --area na_item --prefix ""
expect_rc 0 "sdmx: --area names another dimension"
has area/a.csv "CP_MEUR.DE,B1GQ,2021," "sdmx: the entity is na_item's code, no prefix"

# ---- exports, and back --------------------------------------------------------

run -d "$D" export owid -o ex.csv --subject CHN:China
expect_rc 0 "export owid"
head -n1 ex.csv >header
has header "Entity,Code,Year,association_standards_cumulative," "export owid: the header"
has ex.csv "China,CHN,2017," "export owid: the subject's code and name"
check "export owid: its metadata is JSON" python3 -c \
    "import json,sys; m=json.load(open('ex.metadata.json')); assert m['columns']['valid_certificates']['unit'] == 'certificates'"
mkdir back back2
write_checked "owid round trip" back/b.csv import owid ex.csv
expect_rc 0 "export owid, import it back"
$REF obs back/b.csv | grep -v '^NY.GDP' >got
run -d "$D" export sdmx -o ex-sdmx.csv
expect_rc 0 "export sdmx"
has ex-sdmx.csv "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,FREQ,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE" \
    "export sdmx: SDMX-CSV 2.0 columns"
has ex-sdmx.csv "dataflow,IND:china-standardization(1.0),I,valid_certificates,_Z,A,2019,1970000,A," \
    "export sdmx: a row"
write_checked "sdmx round trip" back2/b.csv import sdmx ex-sdmx.csv
expect_rc 0 "export sdmx, import it back"
$REF obs back2/b.csv | grep -v '^NY.GDP' >got2
# The figures used, from the shipped dataset's own export of values.
run -d "$D" export datapackage -o pkg
expect_rc 0 "export datapackage"
python3 - "$work/pkg/values.csv" >want <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if not r["indicator"].startswith("NY.GDP"):
        print("|".join([r["indicator"], r["entity"], r["year"],
                        repr(float(r["value"]))]))
PY
same_figures "export sdmx and import: the figures used" want got2
sed 's/^\([^|]*\)|CHN|/\1||/' got >got-subject
same_figures "export owid and import: the figures used" want got-subject
run -d "$D" export sdmx -o ex-v1.csv --sdmx-version 1 --subject CN
has ex-v1.csv "DATAFLOW,INDICATOR,REF_AREA,FREQ,TIME_PERIOD" "export sdmx 1.0"
has ex-v1.csv "IND:china-standardization(1.0),valid_certificates,CN,A,2019,1970000,A," \
    "export sdmx 1.0: a row, --subject as REF_AREA"
run -d "$D" export wide -o wide.csv --indicators certification_bodies,valid_certificates
expect_rc 0 "export wide"
lines wide.csv 3 "export wide: a header and a row per series"
has wide.csv "certification_bodies,,,Certification bodies,organisations," \
    "export wide: a series' row"
check "export datapackage: valid against the Table Schema and Data Package specs" \
    $REF datapackage pkg
has pkg/datapackage.json '"primaryKey": ["indicator", "entity", "year"]' \
    "export datapackage: the values' primary key"
has pkg/datapackage.json '"path": "https://' "export datapackage: the sources"
run -d "$D" export owid -o x.csv --indicators nope
expect_rc 65 "export: an unknown indicator"
run -d "$D" export wide
expect_rc 64 "export without -o"
mkdir conflict
printf 'indicator,year,value,source\nx,2020,1,a\nx,2020,2,b\n' >conflict/c.csv
run -d conflict/c.csv export wide -o conflict/w.csv
expect_rc 65 "export: an undecided year"
has "$work/err" "conflicting readings" "export: says which"
check "export: nothing written for a refusal" test ! -e conflict/w.csv

finish
