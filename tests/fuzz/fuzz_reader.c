/*
 * libFuzzer harness: bytes -> reader -> model -> diagnostics.  Any crash,
 * leak, undefined behaviour or hang is a bug; every diagnostic must carry a
 * position inside the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/diag.h"
#include "roadmap/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct loaded l;
	struct diag_list dl = DIAG_LIST_INIT;
	size_t i;

	loaded_init(&l);
	load_office_bytes(&l, "fuzz.yaml", (const char *)data, size, NULL,
			  &dl);
	for (i = 0; i < dl.n; i++) {
		char *s = diag_format(&dl.items[i]);
		if (dl.items[i].line < 0 || dl.items[i].col < 0 || !*s)
			abort();
		free(s);
	}
	diag_list_release(&dl);
	loaded_release(&l);
	return 0;
}
