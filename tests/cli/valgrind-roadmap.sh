#!/bin/sh
# The roadmap binary ($ROADMAP_REAL) under valgrind memcheck: any invalid
# access, use of uninitialised memory or definite leak makes the exit
# status 99.  The memcheck tests (ctest -L memcheck) set ROADMAP to this.
: "${ROADMAP_REAL:?ROADMAP_REAL must name the roadmap binary}"
exec valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \
	"$ROADMAP_REAL" "$@"
