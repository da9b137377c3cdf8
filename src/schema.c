/*
 * schema: the table of roadmap(5)'s mappings.  See schema.h.
 */
#include "roadmap/schema.h"

#include <pthread.h>
#include <string.h>

#include "roadmap/model.h"

const char *const schema_status_names[] = {
    "planned", "designing", "developing", "piloting", "live", "dropped"};
const char *const schema_recipients_names[] = {"", "citizen", "business",
                                               "government", "institution"};
const char *const schema_workshop_names[] = {"roadmap", "design", "leadership"};

const char schema_extension_doc[] =
    "Kept and ignored by roadmap: notes of your own.";

const struct schema_valuedef schema_valuedefs[] = {
    {"id", SCHEMA_ID, 0,
     "1 to 40 lowercase letters, digits and '-', starting with a letter or "
     "digit."},
    {"text", SCHEMA_TEXT, 0,
     "Text: not empty, not null, at most 32767 characters (a spreadsheet "
     "cell's limit: roadmap counts UTF-16 code units, as Excel does), no "
     "control character (a tab and line breaks are text)."},
    {"date", SCHEMA_DATE, 0, "A real calendar date, YYYY-MM-DD."},
    {"count", SCHEMA_INT, 0, "A whole number, 0 to 2147483647, unquoted."},
    {"positive", SCHEMA_INT, 1, "A whole number, 1 to 2147483647, unquoted."},
    {"version", SCHEMA_VERSION, 0, "The format version of roadmap(5): 1."},
    {NULL, SCHEMA_TEXT, 0, NULL}};

static const struct schema_key roadmap_keys[] = {
    {.name = "roadmap", .type = SCHEMA_VERSION, .required = true},
    {.name = "title",
     .type = SCHEMA_TEXT,
     .required = true,
     .doc = "The programme's title."},
    {.name = "title_bn", .type = SCHEMA_TEXT, .doc = "The title in Bengali."},
    {.name = "ministries",
     .type = SCHEMA_SEQ,
     .required = true,
     .of = SCHEMA_MINISTRY,
     .doc = "Ministries and divisions (may be empty)."},
};

static const struct schema_key ministry_keys[] = {
    {.name = "id",
     .type = SCHEMA_ID,
     .required = true,
     .label = "ministry id",
     .doc = "Ministry or division id."},
    {.name = "name",
     .type = SCHEMA_TEXT,
     .required = true,
     .doc = "Name in English."},
    {.name = "name_bn", .type = SCHEMA_TEXT, .doc = "Name in Bengali."},
};

static const struct schema_key office_file_keys[] = {
    {.name = "roadmap", .type = SCHEMA_VERSION, .required = true},
    {.name = "office",
     .type = SCHEMA_MAPPING,
     .required = true,
     .of = SCHEMA_OFFICE},
    {.name = "services",
     .type = SCHEMA_SEQ,
     .of = SCHEMA_SERVICE,
     .doc = "The office's services."},
    {.name = "approval", .type = SCHEMA_MAPPING, .of = SCHEMA_APPROVAL},
    {.name = "workshops",
     .type = SCHEMA_SEQ,
     .of = SCHEMA_WORKSHOP,
     .doc = "Workshops the office's officers attended."},
};

static const struct schema_key tcv_keys[] = {
    {.name = "days",
     .type = SCHEMA_INT,
     .min = 0,
     .doc = "Days a citizen waits."},
    {.name = "cost",
     .type = SCHEMA_INT,
     .min = 0,
     .doc = "What it costs a citizen, in taka."},
    {.name = "visits",
     .type = SCHEMA_INT,
     .min = 0,
     .doc = "Visits to the office it takes."},
};

static const struct schema_key history_keys[] = {
    {.name = "date",
     .type = SCHEMA_DATE,
     .required = true,
     .doc = "When the service reached this status; never before the entry "
            "above."},
    {.name = "status",
     .type = SCHEMA_ENUM,
     .required = true,
     .names = schema_status_names,
     .first = 0,
     .count = STATUS_COUNT,
     .doc =
         "planned, designing, developing, piloting, live; or dropped from any "
         "status."},
    {.name = "note", .type = SCHEMA_TEXT, .doc = "A note on this step."},
};

static const struct schema_key plan_keys[] = {
    {.name = "priority",
     .type = SCHEMA_INT,
     .required = true,
     .min = 1,
     .doc = "1 is done first."},
    {.name = "due", .type = SCHEMA_DATE, .doc = "Target date to go live."},
    {.name = "tcv",
     .type = SCHEMA_MAPPING,
     .of = SCHEMA_TCV,
     .doc = "TCV expected once it is an e-service."},
    {.name = "history",
     .type = SCHEMA_SEQ,
     .required = true,
     .of = SCHEMA_HISTORY,
     .min = 1,
     .doc = "Progress, oldest first; the last entry is the current status."},
};

static const struct schema_key service_keys[] = {
    {.name = "id",
     .type = SCHEMA_ID,
     .required = true,
     .label = "service id",
     .doc = "Service id, unique in the office."},
    {.name = "name",
     .type = SCHEMA_TEXT,
     .required = true,
     .doc = "Name in English."},
    {.name = "name_bn", .type = SCHEMA_TEXT, .doc = "Name in Bengali."},
    {.name = "recipients",
     .type = SCHEMA_ENUM,
     .names = schema_recipients_names,
     .first = 1,
     .count = RECIPIENTS_COUNT,
     .doc = "Who receives the service."},
    {.name = "tcv",
     .type = SCHEMA_MAPPING,
     .of = SCHEMA_TCV,
     .doc = "Today's process: days, taka, office visits."},
    {.name = "since",
     .type = SCHEMA_DATE,
     .doc = "When the service entered the inventory (written by "
            "'roadmap add-service'); reports as of an earlier date leave it "
            "out.  Without it the service counts as always there."},
    {.name = "plan", .type = SCHEMA_MAPPING, .of = SCHEMA_PLAN},
};

static const struct schema_key office_keys[] = {
    {.name = "id",
     .type = SCHEMA_ID,
     .required = true,
     .label = "office id",
     .doc = "Office id; equals the file name without .yaml."},
    {.name = "name",
     .type = SCHEMA_TEXT,
     .required = true,
     .doc = "Name in English."},
    {.name = "name_bn", .type = SCHEMA_TEXT, .doc = "Name in Bengali."},
    {.name = "ministry",
     .type = SCHEMA_ID,
     .required = true,
     .doc = "A ministry id of roadmap.yaml."},
    {.name = "head",
     .type = SCHEMA_TEXT,
     .doc = "Designation of the office head."},
};

static const struct schema_key approval_keys[] = {
    {.name = "by",
     .type = SCHEMA_TEXT,
     .required = true,
     .doc = "Who approved: the office head's designation."},
    {.name = "date",
     .type = SCHEMA_DATE,
     .required = true,
     .doc = "Date of the approval."},
    {.name = "memo",
     .type = SCHEMA_TEXT,
     .doc = "Memo (স্মারক) number, Bengali or ASCII digits."},
    {.name = "digest",
     .type = SCHEMA_DIGEST,
     .pattern = "^sha256:[0-9a-f]{64}$",
     .doc = "Written by 'roadmap approve': the plans as approved."},
    {.name = "submitted",
     .type = SCHEMA_DATE,
     .doc = "Date sent to the ministry or division secretary; not before the "
            "approval."},
};

static const struct schema_key workshop_keys[] = {
    {.name = "kind",
     .type = SCHEMA_ENUM,
     .required = true,
     .label = "workshop kind",
     .names = schema_workshop_names,
     .first = 0,
     .count = WORKSHOP_COUNT,
     .doc = "roadmap: e-Service Roadmap planning; design: e-Service Design and "
            "Planning training; leadership: office heads' leadership."},
    {.name = "date",
     .type = SCHEMA_DATE,
     .required = true,
     .doc = "Date of the workshop."},
    {.name = "batch", .type = SCHEMA_INT, .min = 1, .doc = "Batch number."},
    {.name = "participants",
     .type = SCHEMA_INT,
     .min = 0,
     .doc = "Officers of the office who took part."},
    {.name = "head_present",
     .type = SCHEMA_BOOL,
     .doc = "The office head attended the closing."},
};

#define KEYS(a) a, sizeof(a) / sizeof(a[0])

static const struct schema_mapping mappings[SCHEMA_MAP_COUNT] = {
    [SCHEMA_ROADMAP] = {NULL, "roadmap.yaml",
                        "The root of an e-Service Roadmap repository "
                        "(roadmap(5)); 'roadmap check' is the authority.",
                        KEYS(roadmap_keys)},
    [SCHEMA_MINISTRY] = {"ministry", "a ministry", "A ministry or division.",
                         KEYS(ministry_keys)},
    [SCHEMA_OFFICE_FILE] = {NULL, "an office file",
                            "One office of an e-Service Roadmap repository "
                            "(roadmap(5)); 'roadmap check' is the authority.",
                            KEYS(office_file_keys)},
    [SCHEMA_TCV] = {"tcv", "a tcv", "Time, cost and visits (TCV).",
                    KEYS(tcv_keys)},
    [SCHEMA_HISTORY] = {"history", "a history entry",
                        "A step of the e-service's progress.",
                        KEYS(history_keys)},
    [SCHEMA_PLAN] = {"plan", "a plan",
                     "Present when the service is chosen as an e-service of "
                     "the roadmap.",
                     KEYS(plan_keys)},
    [SCHEMA_SERVICE] = {"service", "a service",
                        "A service of the office's inventory.",
                        KEYS(service_keys)},
    [SCHEMA_OFFICE] = {"office", "'office'", "The office.", KEYS(office_keys)},
    [SCHEMA_APPROVAL] = {"approval", "the approval",
                         "The office head's approval of the roadmap.",
                         KEYS(approval_keys)},
    [SCHEMA_WORKSHOP] = {"workshop", "a workshop",
                         "Attendance at a programme workshop.",
                         KEYS(workshop_keys)},
};

const struct schema_file schema_files[] = {
    {"office", "roadmap office file", SCHEMA_OFFICE_FILE},
    {"roadmap", "roadmap.yaml", SCHEMA_ROADMAP},
    {NULL, NULL, SCHEMA_ROADMAP}};

const struct schema_mapping *schema_mapping(enum schema_map m)
{
        return &mappings[m];
}

const struct schema_key *schema_key(enum schema_map m, const char *name)
{
        size_t i;

        /* every office's every key comes here: the first byte settles
         * most comparisons without a call */
        for (i = 0; i < mappings[m].nkeys; i++) {
                const char *k = mappings[m].keys[i].name;

                if (k[0] == name[0] && strcmp(k, name) == 0)
                        return &mappings[m].keys[i];
        }
        return NULL;
}

/* The longest mapping has this many keys (a unit test holds it to it). */
#define MAX_KEYS 8

static const char *orders[SCHEMA_MAP_COUNT][MAX_KEYS + 1];
static pthread_once_t orders_once = PTHREAD_ONCE_INIT;

static void fill_orders(void)
{
        size_t m, i;

        for (m = 0; m < SCHEMA_MAP_COUNT; m++)
                for (i = 0; i < mappings[m].nkeys && i < MAX_KEYS; i++)
                        orders[m][i] = mappings[m].keys[i].name;
}

const char *const *schema_key_order(enum schema_map m)
{
        pthread_once(&orders_once, fill_orders);
        return orders[m];
}

int schema_name_index(const char *s, const char *const *names, size_t first,
                      size_t count)
{
        size_t i;

        for (i = first; i < count; i++)
                if (strcmp(s, names[i]) == 0)
                        return (int)i;
        return -1;
}

bool schema_is_extension(const char *name, size_t len)
{
        return len >= 2 && strncmp(name, "x-", 2) == 0;
}

const struct schema_valuedef *schema_valuedef_of(const struct schema_key *k)
{
        size_t i;

        for (i = 0; schema_valuedefs[i].def; i++)
                if (schema_valuedefs[i].type == k->type &&
                    (k->type != SCHEMA_INT ||
                     schema_valuedefs[i].min == k->min))
                        return &schema_valuedefs[i];
        return NULL;
}
