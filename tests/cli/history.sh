# The scripted history: a roadmap repository built commit by commit through
# the CLI and by hand, in which every kind of change that `roadmap diff`
# and `roadmap log` name happens at least once.  Sourced by CLI tests after
# lib.sh:
#
#   build_history DIR
#
# makes DIR a git repository whose commits (oldest first, each tagged) are
#   h01  init, ministries lgd and moe, offices kcc and dncc
#   h02  kcc: three services, two planned
#   h03  kcc: approved (memo, submitted); two workshops
#   h04  kcc: status moves designing (with a note) and developing
#   h05  kcc: service renamed (approval made stale)
#   h06  kcc: history entry corrected (plan --amend --date); a workshop
#        between the two others recorded, then the first removed
#   h07  kcc: comments only (a hand edit)
#   h08  kcc: TCV and names of a service changed, a plan's priority and due
#        date changed, a service removed (set-service, plan, remove-service)
#   h09  kcc: approval renewed (approve --renew); office head changed
#   h10  office dncc removed, office rcc added, ministry cabinet added
#   h11  kcc: plan --undo-last (a history entry removed)
# with fixed authors and dates, so ids and output are the same every run.
# Each step is the commit's message.  HIST_OFFICE is kcc's file.

HIST_OFFICE=offices/lgd/kcc.yaml

hist_commit() { # TAG AUTHOR DAY MESSAGE
	local when="2026-$3T10:00:00+06:00"
	git add -A &&
		GIT_AUTHOR_NAME="$2" GIT_AUTHOR_EMAIL="$(echo "$2" | tr 'A-Z ' 'a-z.')@example.gov.bd" \
			GIT_AUTHOR_DATE="$when" GIT_COMMITTER_NAME="$2" \
			GIT_COMMITTER_EMAIL="$(echo "$2" | tr 'A-Z ' 'a-z.')@example.gov.bd" \
			GIT_COMMITTER_DATE="$when" git commit -q --no-verify -m "$4" &&
		git tag "$1"
}

# sed -i, as a person would edit the file by hand.
hist_edit() { # FILE SED-SCRIPT
	sed -i "$2" "$1"
}

build_history() (
	set -e
	local R="$ROADMAP"
	export GIT_CONFIG_NOSYSTEM=1 HOME="$1.home"
	mkdir -p "$1" && cd "$1"
	git init -q -b main .
	"$R" init -q . --title "e-Service Roadmap" --title-bn "ই-সার্ভিস রোডম্যাপ"
	"$R" add-ministry -q lgd --name "Local Government Division" --name-bn "স্থানীয় সরকার বিভাগ"
	"$R" add-ministry -q moe --name "Ministry of Education"
	"$R" add-office -q kcc --ministry lgd --name "Khulna City Corporation" \
		--name-bn "খুলনা সিটি কর্পোরেশন" --head "Chief Executive Officer"
	"$R" add-office -q dncc --ministry lgd --name "Dhaka North City Corporation"
	hist_commit h01 "Rahima Khatun" 09-01 "h01: the roadmap begins"

	"$R" add-service -q kcc --id trade-licence-issue --name "Trade licence issue" \
		--name-bn "ট্রেড লাইসেন্স প্রদান" --recipients business --days 15 --cost 800 \
		--visits 3 --since 2026-09-02 >/dev/null
	"$R" add-service -q kcc --id birth-certificate --name "Birth certificate" \
		--recipients citizen --days 10 --cost 100 --visits 2 --since 2026-09-02 >/dev/null
	"$R" add-service -q kcc --id holding-tax --name "Holding tax assessment" \
		--recipients citizen --days 30 --cost 500 --visits 4 --since 2026-09-02 >/dev/null
	"$R" plan -q kcc trade-licence-issue --priority 1 --due 2027-06-30 \
		--target-days 3 --target-cost 200 --target-visits 0 --status planned --date 2026-09-03
	"$R" plan -q kcc holding-tax --priority 2 --due 2027-12-31 \
		--target-days 10 --target-cost 300 --target-visits 1 --status planned --date 2026-09-03
	hist_commit h02 "Rahima Khatun" 09-03 "h02: kcc inventory and plans"

	"$R" approve -q kcc --by "Chief Executive Officer" --date 2026-09-10 \
		--memo "46.43.4700.000.018.002.2026-09" --submitted 2026-09-12
	"$R" workshop -q kcc --kind roadmap --date 2026-09-15 --participants 24 --head-present
	"$R" workshop -q kcc --kind design --date 2026-10-20 --batch 1 --participants 12
	hist_commit h03 "Kamal Hossain" 09-15 "h03: kcc approved; workshops"

	"$R" plan -q kcc trade-licence-issue --status designing --date 2026-09-20 \
		--note "Design workshop done"
	"$R" plan -q kcc trade-licence-issue --status developing --date 2026-10-05
	hist_commit h04 "Rahima Khatun" 10-05 "h04: trade licence moves on"

	"$R" rename-service -q kcc trade-licence-issue trade-licence
	hist_commit h05 "Rahima Khatun" 10-06 "h05: trade licence renamed"

	"$R" plan -q kcc trade-licence --amend --date 2026-10-04
	"$R" workshop -q kcc --kind design --date 2026-10-01 --participants 8
	"$R" remove-workshop -q kcc --kind roadmap --date 2026-09-15
	hist_commit h06 "Kamal Hossain" 10-07 "h06: a date corrected; workshops"

	hist_edit "$HIST_OFFICE" '/^services:/i # Reviewed at the October coordination meeting.'
	hist_commit h07 "Kamal Hossain" 10-08 "h07: a comment"

	"$R" set-service -q kcc birth-certificate --days 7 --cost 50 --visits 1 \
		--name "Birth registration certificate" --name-bn "জন্ম নিবন্ধন সনদ"
	"$R" plan -q kcc holding-tax --priority 1 --due 2027-09-30
	"$R" remove-service -q kcc birth-certificate
	hist_commit h08 "Rahima Khatun" 10-20 "h08: kcc corrections"

	"$R" approve -q kcc --renew --by "Chief Executive Officer" --date 2026-10-25 \
		--memo "46.43.4700.000.018.002.2026-10"
	hist_edit "$HIST_OFFICE" 's/^  head: Chief Executive Officer$/  head: Mayor/'
	hist_commit h09 "Kamal Hossain" 10-25 "h09: kcc approval renewed"

	git rm -q offices/lgd/dncc.yaml
	"$R" add-ministry -q cabinet --name "Cabinet Division"
	"$R" add-office -q rcc --ministry lgd --name "Rajshahi City Corporation"
	hist_commit h10 "Rahima Khatun" 11-02 "h10: offices dncc and rcc"

	"$R" plan -q kcc trade-licence --undo-last
	hist_commit h11 "Rahima Khatun" 11-03 "h11: kcc undo"
)
