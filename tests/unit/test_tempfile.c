/* Temporary outputs are removed when folio is stopped by a signal
 * (base/tempfile.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/tempfile.h"

static int exists(const char *p)
{
    return access(p, F_OK) == 0;
}

/* A child registers two files, forgets one, and is stopped by `sig`: the
 * registered file is gone, the forgotten one stays, and the child ends by
 * the signal (not a normal exit). */
static void stopped_by(int sig)
{
    char a[] = "/tmp/folio-temp-a.XXXXXX", b[] = "/tmp/folio-temp-b.XXXXXX";
    int fa = mkstemp(a), fb = mkstemp(b);
    assert_true(fa >= 0 && fb >= 0);
    close(fa);
    close(fb);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int sa = fo_temp_track(a), sb = fo_temp_track(b);
        if (sa < 0 || sb < 0)
            _exit(3);
        fo_temp_forget(sb);
        raise(sig);
        _exit(4); /* not reached: the signal ends the child */
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), sig);
    assert_false(exists(a));
    assert_true(exists(b));
    unlink(b);
}

static void test_sigterm(void **state)
{
    stopped_by(SIGTERM);
}

static void test_sigint(void **state)
{
    stopped_by(SIGINT);
}

/* Slots run out cleanly; a forgotten slot is free again. */
static void test_slots(void **state)
{
    int s[FO_TEMP_MAX];
    for (int i = 0; i < FO_TEMP_MAX; i++)
        assert_true((s[i] = fo_temp_track("/tmp/folio-no-such-file")) >= 0);
    assert_int_equal(fo_temp_track("/tmp/folio-no-such-file"), -1);
    fo_temp_forget(s[0]);
    assert_int_equal(fo_temp_track("/tmp/folio-no-such-file"), s[0]);
    for (int i = 0; i < FO_TEMP_MAX; i++)
        fo_temp_forget(s[i]);
    fo_temp_forget(-1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sigterm),
        cmocka_unit_test(test_sigint),
        cmocka_unit_test(test_slots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
