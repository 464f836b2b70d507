package main

// Never a stack trace: a desk or a command that stops on an error of its
// own restores the terminal, leaves the data file as it was, writes a
// report beside it and says where in one line. The binary the tests build
// can be made to fail on purpose (CRIEUR_FAULT, honoured only with the
// crieurfault build tag).

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"crieur/store"
)

// What the French desk shows.
const (
	sampleCollecteFR = "Collecte des déchets"
	crashLineFR      = "crieur s’est arrêté sur une erreur interne"
)

// crashReportRE finds the report's path in the crash line.
var crashReportRE = regexp.MustCompile(`Rapport\x{202f}: (\S+crash-[0-9-]+\.txt)`)

// stackMarks are what a Go stack trace shows; none may reach the terminal.
var stackMarks = []string{"goroutine ", "panic:", ".go:", "runtime/debug", "Caught panic"}

// fileSum is the SHA-256 of a file's bytes.
func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func TestEndToEndCrashInTheDesk(t *testing.T) {
	skipIfShort(t)
	for _, where := range []string{"update", "view", "command"} {
		t.Run(where, func(t *testing.T) {
			d := newDesk(t)
			// A first session makes the file, with its sample week and the
			// day's backup, so that the crashing one has nothing to write.
			first := startDeskSized(t, d, 80, 24, []string{"--offline", "--lang", "fr"})
			first.waitScreen(sampleCollecteFR, screenTimeout)
			first.press("q")
			if code := first.waitExit(exitTimeout); code != 0 {
				t.Fatalf("q: exit code %d", code)
			}
			before := fileSum(t, d.db)
			posts := d.ok("", "export")

			term := startDeskSized(t, d, 80, 24, []string{"--offline", "--lang", "fr"}, "CRIEUR_FAULT="+where+":ctrl+g")
			term.waitScreen(sampleCollecteFR, screenTimeout)
			term.press("j", "\x07") // a move, then ctrl+g
			if code := term.waitExit(exitTimeout); code != 1 {
				t.Errorf("exit code %d after the crash, want 1", code)
			}
			<-term.copied
			screen := term.text()
			if !strings.Contains(screen, crashLineFR) {
				t.Fatalf("the terminal does not say what happened; the screen:\n%s", framed(screen))
			}
			if strings.Contains(screen, sampleCollecteFR) {
				t.Errorf("the desk's screen is still up after the crash:\n%s", framed(screen))
			}
			if term.screen.CursorHidden() {
				t.Error("the cursor is still hidden after the crash")
			}
			written := string(term.written())
			for _, mark := range stackMarks {
				if strings.Contains(written, mark) {
					t.Errorf("the terminal was shown %q: a stack trace", mark)
				}
			}
			if i := strings.LastIndex(written, "\x1b[?1049h"); i < 0 || !strings.Contains(written[i:], "\x1b[?1049l") {
				t.Error("the desk did not leave the alternate screen")
			}

			m := crashReportRE.FindStringSubmatch(strings.ReplaceAll(screen, "\n", ""))
			if m == nil {
				t.Fatalf("no report path in the crash line; the screen:\n%s", framed(screen))
			}
			path := m[1]
			if filepath.Dir(path) != filepath.Dir(d.db) {
				t.Errorf("the report is in %s, want it beside the data file in %s", filepath.Dir(path), filepath.Dir(d.db))
			}
			info, err := os.Stat(path)
			if err != nil {
				t.Fatalf("the report: %v", err)
			}
			if mode := info.Mode().Perm(); mode != 0o600 {
				t.Errorf("the report's mode is %v, want 0600", mode)
			}
			report, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{
				"crieur s’est arrêté",  // the person's part, in the desk's language
				"\ncrieur ", "schema ", // the versions
				"where: " + where, "fault injected",
				"stack:\n", "goroutine ", // the stack
				"screen:\n", sampleCollecteFR, // the last screen, in plain text
			} {
				if !strings.Contains(string(report), want) {
					t.Errorf("the report lacks %q:\n%s", want, report)
				}
			}
			if bytes.Contains(report, []byte("\x1b[")) {
				t.Error("the report's screen keeps escape sequences")
			}

			if after := fileSum(t, d.db); after != before {
				t.Error("the data file changed in the session that crashed")
			}
			if got := d.ok("", "export"); got != posts {
				t.Errorf("the posts changed:\nbefore %s\nafter  %s", posts, got)
			}
			st, err := store.Open(d.db, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if err := st.Check(); err != nil {
				t.Errorf("bbolt's check after the crash: %v", err)
			}
		})
	}
}

// A command that fails on its own says so in one line and writes the
// report; the program built for everyone ignores CRIEUR_FAULT.
func TestCrashInACommand(t *testing.T) {
	d := newDesk(t)
	d.ok("", "list") // makes the settings; there is no data file yet
	cmd := exec.Command(binary, "--db", d.db, "--config", d.cfg, "--lang", "fr", "version")
	cmd.Env = deskEnv(d, "CRIEUR_FAULT=command-line")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("crieur version with a fault: %v, want exit status 1", err)
	}
	lines := strings.Split(strings.TrimRight(stderr.String(), "\n"), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], crashLineFR) {
		t.Fatalf("stderr is %q, want one line starting %q", stderr.String(), crashLineFR)
	}
	for _, mark := range stackMarks {
		if strings.Contains(stderr.String()+stdout.String(), mark) {
			t.Errorf("the command printed %q: a stack trace", mark)
		}
	}
	m := crashReportRE.FindStringSubmatch(lines[0])
	if m == nil {
		t.Fatalf("no report path in %q", lines[0])
	}
	report, err := os.ReadFile(m[1])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(report), "where: command line") || !strings.Contains(string(report), "goroutine ") {
		t.Errorf("the report:\n%s", report)
	}

	// The same program without the tag.
	plain := filepath.Join(t.TempDir(), "crieur")
	build := exec.Command("go", "build", "-o", plain, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build crieur: %v\n%s", err, out)
	}
	cmd = exec.Command(plain, "--db", d.db, "--config", d.cfg, "version")
	cmd.Env = deskEnv(d, "CRIEUR_FAULT=command-line")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "crieur ") {
		t.Errorf("the program built for everyone heeded CRIEUR_FAULT: %v\n%s", err, out)
	}
}
