package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"crieur/store"
	"crieur/ui"
	"crieur/ui/i18n"
)

// A crash is crieur stopping on an error of its own (a panic), in a
// command or in the desk. The person never sees a stack trace: the
// terminal is restored (the desk does that), the data file is left as it
// was (a panic inside a write transaction rolls it back, and the file is
// closed on the way out), a report goes into a file beside the data, and
// one line says where.

// whereCommandLine is where a crash outside the desk happened.
const whereCommandLine = "command line"

// recoverCrash, deferred at the top of a run, turns a panic into a crash
// report and exit status 1.
func (c *cli) recoverCrash(code *int) {
	r := recover()
	if r == nil {
		return
	}
	c.reportCrash(&ui.Crash{Where: whereCommandLine, Value: fmt.Sprint(r), Stack: string(debug.Stack())})
	*code = exitError
}

// crashOf finds the desk's crash in an error, if it is one.
func crashOf(err error) (*ui.Crash, bool) {
	var crash *ui.Crash
	return crash, errors.As(err, &crash)
}

// reportCrash writes the crash report and says where it is, in one line.
func (c *cli) reportCrash(crash *ui.Crash) {
	t := c.w()
	path, err := c.writeCrashReport(t, crash)
	if err != nil {
		// Nowhere to write: the line says what the report would have said
		// first, still without a stack.
		path = fmt.Sprintf("(%v)", err)
	}
	fmt.Fprintf(c.stderr, t.Crash.Line, escapeControls(path))
}

// writeCrashReport writes the report beside the data file (in the
// temporary folder when that one cannot be written), readable by its
// owner only, and returns its path.
func (c *cli) writeCrashReport(t *i18n.CLIText, crash *ui.Crash) (string, error) {
	now := time.Now
	if c.now != nil {
		now = c.now
	}
	at := now()
	name := "crash-" + at.Format("2006-01-02-150405") + ".txt"
	report := crashReport(t, crash, c.version(), c.dataPath(), at)
	var errs []error
	for _, dir := range []string{filepath.Dir(c.dataPath()), os.TempDir()} {
		path, err := writeNew(dir, name, report)
		if err == nil {
			return path, nil
		}
		errs = append(errs, err)
	}
	return "", errors.Join(errs...)
}

// writeNew writes data to a file of that name in dir that did not exist,
// adding a number to the name when one does.
func writeNew(dir, name string, data []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	base, ext := strings.TrimSuffix(name, ".txt"), ".txt"
	for i := 1; ; i++ {
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) && i < 100 {
			name = fmt.Sprintf("%s-%d%s", base, i+1, ext)
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return "", err
		}
		return path, nil
	}
}

// crashReport is the report's text: a few lines for the person, then
// what whoever looks after crieur needs: the versions, when and where it
// happened, the error, the stack and the last screen.
func crashReport(t *i18n.CLIText, crash *ui.Crash, version, data string, at time.Time) []byte {
	var b strings.Builder
	b.WriteString(t.Crash.Head)
	if crash.Where != whereCommandLine {
		b.WriteString(t.Crash.Typing)
	}
	fmt.Fprintf(&b, "\ncrieur %s\n%s %s/%s, schema %d\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH, store.SchemaVersion)
	fmt.Fprintf(&b, "time: %s\n", at.Format(time.RFC3339))
	fmt.Fprintf(&b, "data file: %s\n", data)
	fmt.Fprintf(&b, "where: %s\n", crash.Where)
	fmt.Fprintf(&b, "error: %s\n", crash.Value)
	fmt.Fprintf(&b, "\nstack:\n%s\n", strings.TrimRight(crash.Stack, "\n"))
	if crash.Screen != "" {
		fmt.Fprintf(&b, "\nscreen:\n%s\n", strings.TrimRight(crash.Screen, "\n"))
	}
	return []byte(b.String())
}
