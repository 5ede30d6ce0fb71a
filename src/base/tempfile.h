/* tempfile.h — temporary output files removed when folio is interrupted.
 *
 * Outputs are written to a temporary file beside the target and renamed
 * into place (PDF writer, PNG backend).  A run stopped by SIGINT, SIGTERM
 * or SIGHUP between the two would leave that file behind; the writers
 * register it here, and a signal handler removes every registered file
 * before the process ends with the signal's default action (so the exit
 * status still says which signal stopped it).  SIGKILL cannot be caught:
 * a killed run may still leave a temporary file (docs/reliability.md).
 */
#ifndef FO_TEMPFILE_H
#define FO_TEMPFILE_H

/* Most temporary files registered at once. */
#define FO_TEMP_MAX 4

/* Registers the temporary file `path` (copied; at most PATH_MAX bytes)
 * for removal on SIGINT, SIGTERM or SIGHUP, installing the handlers on
 * first use.  Returns a slot for fo_temp_forget, or -1 when every slot is
 * taken or the path is too long (the file is then simply not removed on a
 * signal).  Not thread-safe: folio has one thread. */
int fo_temp_track(const char *path);

/* Forgets slot `slot` (from fo_temp_track; -1 is accepted and ignored):
 * call it once the file has been renamed into place or removed. */
void fo_temp_forget(int slot);

#endif
