/* tempfile.c — removal of temporary outputs on SIGINT/SIGTERM/SIGHUP.
 * See tempfile.h.  The handler only calls async-signal-safe functions
 * (unlink, sigaction, raise; POSIX.1-2017 §2.4.3). */
#include "tempfile.h"

#include <limits.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static char paths[FO_TEMP_MAX][PATH_MAX];
static volatile sig_atomic_t live[FO_TEMP_MAX];
static int installed;

static void on_signal(int sig)
{
    for (int i = 0; i < FO_TEMP_MAX; i++)
        if (live[i])
            unlink(paths[i]);
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
}

static void install(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        /* a signal the caller ignores (nohup) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        for (size_t j = 0; j < sizeof sigs / sizeof sigs[0]; j++)
            sigaddset(&sa.sa_mask, sigs[j]);
        sigaction(sigs[i], &sa, NULL);
    }
    installed = 1;
}

int fo_temp_track(const char *path)
{
    size_t n = strlen(path);
    if (n >= PATH_MAX)
        return -1;
    if (!installed)
        install();
    for (int i = 0; i < FO_TEMP_MAX; i++) {
        if (!live[i]) {
            memcpy(paths[i], path, n + 1);
            live[i] = 1; /* set after the copy: the handler sees whole paths */
            return i;
        }
    }
    return -1;
}

void fo_temp_forget(int slot)
{
    if (slot >= 0 && slot < FO_TEMP_MAX)
        live[slot] = 0;
}
