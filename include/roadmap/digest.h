/*
 * digest: the approval digest of an office (roadmap(5), "Approval digest").
 *
 * The canonical serialisation takes every service sorted by id (bytes),
 * one line each:
 *   "service <id>\n"                                        (no plan)
 *   "service <id> priority <n> due <date|-> days <n|-> cost <n|-> visits
 * <n|->\n" where the days/cost/visits are the plan's target TCV.  The digest is
 * "sha256:" and the lowercase hex SHA-256 of those bytes.
 * Nothing here allocates except digest_serialise(), whose result is the
 * caller's to free.
 */
#ifndef ROADMAP_DIGEST_H
#define ROADMAP_DIGEST_H

#include "roadmap/model.h"

#define DIGEST_LEN 71 /* "sha256:" + 64 hex */

char *digest_serialise(const struct office *o);
/* Write the digest and a NUL into out (DIGEST_LEN + 1 bytes). */
void digest_office(const struct office *o, char *out);
/*
 * The same over the plans as they stood on a date: a plan counts from its
 * first history entry's date, and before it the service is written as one
 * without a plan.  The file keeps no history of a plan's priority, due date
 * or target TCV, so those are taken as they are now; so is a plan without
 * history, and every plan when on is unset (then these equal the above).
 */
char *digest_serialise_on(const struct office *o, struct date on);
void digest_office_on(const struct office *o, struct date on, char *out);

#endif
