/*
 * floor: the least work any reader of the repository must do: read every
 * *.yaml file below ROOT/offices and run libyaml's event parser over it,
 * on one thread, building nothing.  The benchmark's lower bound.
 *
 * usage: floor ROOT   (prints the number of files and events)
 */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static unsigned long files, events;
static char *buf;
static size_t cap;

static int parse(const char *path, size_t size)
{
        yaml_parser_t p;
        yaml_event_t ev;
        int fd = open(path, O_RDONLY);
        size_t got = 0;
        ssize_t r;
        int done = 0;

        if (fd < 0)
                return -1;
        if (size + 1 > cap) {
                cap = 2 * (size + 1);
                buf = realloc(buf, cap);
                if (!buf)
                        return -1;
        }
        while ((r = read(fd, buf + got, cap - got)) > 0)
                got += (size_t)r;
        close(fd);
        yaml_parser_initialize(&p);
        yaml_parser_set_input_string(&p, (const unsigned char *)buf, got);
        while (!done) {
                if (!yaml_parser_parse(&p, &ev)) {
                        fprintf(stderr, "%s: %s\n", path, p.problem);
                        yaml_parser_delete(&p);
                        return -1;
                }
                done = ev.type == YAML_STREAM_END_EVENT;
                events++;
                yaml_event_delete(&ev);
        }
        yaml_parser_delete(&p);
        files++;
        return 0;
}

static int visit(const char *path, const struct stat *st, int type,
                 struct FTW *ftw)
{
        size_t n = strlen(path);

        (void)ftw;
        if (type == FTW_F && n > 5 && strcmp(path + n - 5, ".yaml") == 0)
                return parse(path, (size_t)st->st_size) ? 1 : 0;
        return 0;
}

int main(int argc, char **argv)
{
        char *dir;

        if (argc != 2) {
                fputs("usage: floor ROOT\n", stderr);
                return 2;
        }
        dir = malloc(strlen(argv[1]) + sizeof("/offices"));
        if (!dir)
                return 1;
        strcpy(dir, argv[1]);
        strcat(dir, "/offices");
        if (nftw(dir, visit, 32, FTW_PHYS) != 0)
                return 1;
        printf("%lu files, %lu events\n", files, events);
        free(dir);
        free(buf);
        return 0;
}
