#!/usr/bin/env bash
# roadmap list: ids and names, tab-separated, sorted as reports sort, on
# data/ and on a small repository; filters, errors and exit codes.
. "$(dirname "$0")/lib.sh"

data=$TMP/data
new_repo "$data"
cd "$data" || exit 1
tab=$(printf '\t')

run list ministries
expect_rc 0 "list ministries exits 0"
expect_eq "$OUT" "cabinet${tab}Cabinet Division${tab}মন্ত্রিপরিষদ বিভাগ
lgd${tab}Local Government Division${tab}স্থানীয় সরকার বিভাগ" "list ministries: id, name, name_bn by id"

run list offices
expect_rc 0 "list offices exits 0"
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 21 "list offices: the 21 offices of data/"
expect_eq "$(printf '%s\n' "$OUT" | head -n 2)" "cabinet-division${tab}Cabinet Division${tab}মন্ত্রিপরিষদ বিভাগ${tab}cabinet
bcc${tab}Barishal City Corporation${tab}বরিশাল সিটি কর্পোরেশন${tab}lgd" "list offices: by ministry, then office id"
expect_eq "$(printf '%s\n' "$OUT" | awk -F'\t' '{print NF}' | sort -u)" 4 "list offices: four fields on every line"
# the order is the report's
expect_eq "$(printf '%s\n' "$OUT" | cut -f1)" "$("$ROADMAP" report offices | tail -n +2 | cut -d, -f2)" \
	"list offices: the order of report offices"

run list services --office kcc
expect_eq "$OUT" "trade-licence-issue${tab}Trade licence issue${tab}ট্রেড লাইসেন্স প্রদান${tab}kcc${tab}lgd
holding-tax-assessment${tab}Holding tax assessment${tab}হোল্ডিং ট্যাক্স নির্ধারণ${tab}kcc${tab}lgd
death-registration${tab}Death registration${tab}মৃত্যু নিবন্ধন${tab}kcc${tab}lgd
waste-collection-complaint${tab}Waste collection complaint${tab}বর্জ্য অপসারণ সংক্রান্ত অভিযোগ${tab}kcc${tab}lgd" \
	"list services --office kcc: in file order, with office and ministry"
run list services
expect_eq "$(printf '%s\n' "$OUT" | cut -f4,1 | awk -F'\t' '{print $2 "," $1}')" \
	"$("$ROADMAP" report services | tail -n +2 | cut -d, -f2,3)" "list services: the order of report services"
for jobs in 1 3; do
	expect_eq "$("$ROADMAP" list services --jobs $jobs)" "$OUT" "list services --jobs $jobs: the same output"
done
run list offices --ministry cabinet
expect_eq "$OUT" "cabinet-division${tab}Cabinet Division${tab}মন্ত্রিপরিষদ বিভাগ${tab}cabinet" "list offices --ministry"
run list ministries --office kcc
expect_eq "$OUT" "lgd${tab}Local Government Division${tab}স্থানীয় সরকার বিভাগ" "list ministries --office: the office's ministry"
run list services --ministry cabinet --office kcc
expect_rc 0 "list with filters that exclude each other exits 0"
expect_eq "$OUT" "" "list with filters that exclude each other prints nothing"

# ---- completion offers the commands and their values -------------------------
expect_contains "$("$ROADMAP" completion --complete l)" "list" "completion offers list"
expect_contains "$("$ROADMAP" completion --complete s)" "show" "completion offers show"
expect_eq "$("$ROADMAP" completion --complete list '')" "offices
services
ministries" "completion offers list's kinds"
expect_contains "$("$ROADMAP" completion --complete list services --office k)" "kcc" "completion offers list --office's offices"
expect_contains "$("$ROADMAP" completion --complete list offices --ministry l)" "lgd" "completion offers list --ministry's ministries"
expect_contains "$("$ROADMAP" completion --complete show kc)" "kcc" "completion offers show's office"
expect_contains "$("$ROADMAP" completion --complete show kcc tr)" "trade-licence-issue" "completion offers show's services"

# ---- errors ------------------------------------------------------------------
run list offices --ministry lg
expect_rc 1 "list: an unknown --ministry exits 1"
expect_contains "$ERR" "no ministry 'lg' in roadmap.yaml" "list: names the unknown ministry"
expect_contains "$ERR" "did you mean 'lgd'?" "list: did you mean the ministry"
run list services --office kc
expect_rc 1 "list: an unknown --office exits 1"
expect_contains "$ERR" "no office 'kc' in the repository" "list: names the unknown office"
expect_contains "$ERR" "did you mean 'kcc'?" "list: did you mean the office"
expect_eq "$OUT" "" "list: nothing on stdout on an error"
run list office
expect_rc 2 "list: an unknown kind is a usage error"
expect_contains "$ERR" "invalid list 'office': one of offices, services, ministries; did you mean 'offices'?" "list: names the kinds"
run list
expect_rc 2 "list without a kind is a usage error"
run list offices services
expect_rc 2 "list with two kinds is a usage error"
printf 'oops: [\n' >>offices/lgd/kcc.yaml
run list offices
expect_rc 1 "list: an invalid office fails the list"
expect_contains "$ERR" "offices/lgd/kcc.yaml:" "list: the error names the file"
expect_eq "$OUT" "" "list: nothing written when an office is invalid"
run list ministries
expect_rc 0 "list ministries reads no office"
(cd / && "$ROADMAP" list offices >/dev/null 2>&1)
RC=$?
expect_rc 1 "list outside a repository exits 1"

# ---- a name with a tab, a backslash, no name_bn -------------------------------
small=$TMP/small
"$ROADMAP" init "$small" --title T >/dev/null 2>&1
cd "$small" || exit 1
"$ROADMAP" add-ministry m1 --name 'M One' >/dev/null 2>&1
"$ROADMAP" add-office o1 --ministry m1 --name 'A\B' >/dev/null 2>&1
"$ROADMAP" add-service o1 --id s1 --name "x${tab}y" >/dev/null 2>&1
run list services
expect_eq "$OUT" 's1	x\ty		o1	m1' "list: a tab in a name is written \\t, an absent name_bn is empty"
run list offices
expect_eq "$OUT" 'o1	A\\B		m1' "list: a backslash is written \\\\"

finish
