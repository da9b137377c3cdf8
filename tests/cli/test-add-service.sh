# roadmap add-service: ids from names, refusals, invalid files left alone,
# and dozens of concurrent writers on one office.
. "$ROADMAP_SRC/tests/cli/lib.sh"

R=$TMP/repo
"$ROADMAP" init "$R" --title T >/dev/null 2>&1
"$ROADMAP" -C "$R" add-ministry lgd --name L >/dev/null 2>&1
"$ROADMAP" -C "$R" add-office o1 --ministry lgd --name O >/dev/null 2>&1
F=$R/offices/lgd/o1.yaml

run -C "$R" add-service o1 --name "Birth & Death Registration!"
expect_eq "$OUT" "birth-death-registration" "the id is a slug of the name"
expect_eq "$ERR" "o1: service birth-death-registration added: Birth & Death Registration!" \
	"one line on stderr says what was added"
run -C "$R" add-service o1 --name "Birth/Death registration"
expect_eq "$OUT" "birth-death-registration-2" "a taken id gets -2"
run -C "$R" add-service o1 --name "birth death registration" -q
expect_eq "$OUT" "birth-death-registration-3" "then -3"
expect_eq "$ERR" "" "-q: nothing on stderr, the id still on stdout"

# Bengali digits in the name are digits of the id.
run -C "$R" add-service o1 --name 'Form ১২ submission'
expect_eq "$OUT" "form-12-submission" "Bengali digits become ASCII digits in the id"
run -C "$R" add-service o1 --name 'Form ১2 submission v২'
expect_eq "$OUT" "form-12-submission-v2" "mixed digits too"

# A second service with a name (or Bengali name) taken: refused at the
# existing one, whatever the case or normal form; --force insists.
cp "$F" "$TMP/before-dup"
run -C "$R" add-service o1 --name "BIRTH/DEATH REGISTRATION"
expect_rc 1 "a taken name is refused"
line=$(grep -n "name: Birth/Death registration" "$F" | cut -d: -f1)
expect_eq "$ERR" "offices/lgd/o1.yaml:$line:11: error: service 'birth-death-registration-2' already has the name 'Birth/Death registration'
hint: is it the same service?  If not, give another name, or --force to add it all the same" \
	"the refusal points at the existing name, with a hint"
expect_eq "$OUT" "" "no id is printed"
expect_same_file "$F" "$TMP/before-dup" "nothing was written"
run -C "$R" add-service o1 --id x1 --name "Birth/Death registration" --force -q
expect_rc 0 "--force adds it all the same"
expect_eq "$OUT" "x1" "and prints its id"
"$ROADMAP" -C "$R" add-service o1 --id bn1 --name "Birth one" --name-bn "জন্ম নিবন্ধন" -q >/dev/null
cp "$F" "$TMP/before-dup"
run -C "$R" add-service o1 --id bn2 --name "Birth two" --name-bn "জন্ম নিবন্ধন"
expect_rc 1 "a taken Bengali name is refused"
expect_contains "$ERR" "error: service 'bn1' already has the Bengali name 'জন্ম নিবন্ধন'" "and named"
expect_same_file "$F" "$TMP/before-dup" "nothing was written"
run -C "$R" add-service o1 --name "A very long service name that goes on and on past forty"
expect_eq "$OUT" "a-very-long-service-name-that-goes-on-an" "ids are cut at 40"
run -C "$R" add-service o1 --name "জন্ম নিবন্ধন"
expect_rc 2 "a name without latin letters needs --id"
expect_contains "$ERR" "--id" "and the message says so"
run -C "$R" add-service o1 --id birth-death-registration --name X
expect_rc 1 "an existing --id is refused"
run -C "$R" add-service o1 --id Bad --name X
expect_rc 2 "an invalid --id is a usage error"
run -C "$R" add-service o1 --name X --recipients aliens
expect_rc 2 "unknown recipients is a usage error"
run -C "$R" add-service o1 --name X --days many
expect_rc 2 "a bad number is a usage error"
run -C "$R" add-service nope --name X
expect_rc 1 "an unknown office is refused"
run -C "$R" add-service o1
expect_rc 2 "--name is required"
run -C "$R" add-service o1 --name X --bogus
expect_rc 2 "an unknown option is a usage error"
run add-service --help
expect_rc 0 "--help exits 0"
expect_contains "$OUT" "usage: roadmap add-service" "--help prints the usage"

# Text is stored in NFC, whatever form it was typed in: a precomposed
# U+09DF (য়) becomes U+09AF U+09BC, and an NFC name is kept as it is.
run -C "$R" add-service o1 --id nfc-check --name "Nayan" \
	--name-bn "$(printf 'নবা\xe0\xa7\x9fন')"
expect_rc 0 "add-service takes a precomposed Bengali letter"
expect_contains "$(cat "$F")" "name_bn: $(printf 'নবা\xe0\xa6\xaf\xe0\xa6\xbcন')" \
	"the name is stored in NFC"
expect_not_contains "$(cat "$F")" "$(printf '\xe0\xa7\x9f')" \
	"the precomposed form is not stored"

# An invalid file is never edited, and the problems are named.
cp "$F" "$TMP/good"
printf 'bogus: 1\n' >>"$F"
cp "$F" "$TMP/bad"
run -C "$R" add-service o1 --name "Y"
expect_rc 1 "an invalid office is refused"
expect_contains "$ERR" "o1.yaml:" "the problem is located"
expect_contains "$ERR" "roadmap check" "and points to roadmap check"
expect_same_file "$F" "$TMP/bad" "the invalid file is untouched"
cp "$TMP/good" "$F"

# Dozens of parallel writers: all of them get in, none loses another's.
N=40
for i in $(seq 1 $N); do
	"$ROADMAP" -C "$R" add-service o1 --id "svc-$i" --name "Service $i" -q \
		>/dev/null 2>"$TMP/err.$i" &
done
wait
n=$(grep -c '^  - id: svc-' "$F")
expect_eq "$n" "$N" "all $N concurrent add-service calls are in the file"
errs=$(cat "$TMP"/err.* | wc -c)
expect_eq "$errs" "0" "no concurrent writer failed"
run -C "$R" check
expect_rc 0 "the result is valid"
expect_eq "$(ls -A "$R/offices/lgd")" "o1.yaml" "no temporary file is left"
finish
