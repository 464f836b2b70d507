package main

// Hostile input (hostile_test.go) in the files crieur reads: a damaged or
// newer data file, one another crieur holds, a read-only folder, a full
// disk, a broken settings file, a secrets file others can read.

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	bolt "go.etcd.io/bbolt"

	"crieur/store"
)

// Damage done to a data file.
type damage func(data []byte) []byte

func truncated(data []byte) []byte { return data[:len(data)/3] }

func zeroed(data []byte) []byte { return make([]byte, len(data)) }

func random(data []byte) []byte {
	r := rand.New(rand.NewPCG(7, uint64(len(data))))
	out := make([]byte, len(data))
	for i := range out {
		out[i] = byte(r.Uint32())
	}
	return out
}

// hostileDataFile damages a data file in use: every command, and the
// desk, refuse it with the same sentence and leave it as it is.
func hostileDataFile(harm damage) func(t *testing.T) string {
	return func(t *testing.T) string {
		d := filled(t)
		data, err := os.ReadFile(d.db)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(d.db, harm(data), 0o600); err != nil {
			t.Fatal(err)
		}
		before := hashOf(t, d.db)
		in := d.write("more.jsonl", `{"title":"nouveau"}`+"\n")
		var msg string
		for _, args := range [][]string{{"list"}, {"export"}, {"import", in}, {"send", "--due"}, {"backup"}, {}} {
			msg = failsWith(t, d, "", "is damaged or is not a crieur data file; it was left untouched", args...)
		}
		if hashOf(t, d.db) != before {
			t.Error("the damaged file was written to")
		}
		if entries, _ := os.ReadDir(store.BackupDirFor(d.db)); len(entries) > 0 {
			t.Errorf("a damaged file was backed up over the good copies: %v", entries)
		}
		return msg
	}
}

// A file whose schema is newer than this crieur's is refused, untouched.
func hostileNewerFile(t *testing.T) string {
	d := newDesk(t)
	if err := os.MkdirAll(filepath.Dir(d.db), 0o700); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(d.db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucket([]byte("meta"))
		if err != nil {
			return err
		}
		if _, err := tx.CreateBucket([]byte("posts-v2")); err != nil {
			return err
		}
		return meta.Put([]byte("schema"), []byte{0, 0, 0, 0, 0, 0, 0, store.SchemaVersion + 1})
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := hashOf(t, d.db)
	var msg string
	for _, args := range [][]string{{"list"}, {"import", d.write("p.jsonl", `{"title":"x"}`)}, {}} {
		msg = failsWith(t, d, "", "was written by a newer crieur; install that version to open it (the file was left untouched)", args...)
	}
	if hashOf(t, d.db) != before {
		t.Error("the newer file was written to")
	}
	return msg
}

// While another crieur holds the file, a command that would write says so
// and writes nothing; the timer's send waits for its next run.
func hostileLockedFile(t *testing.T) string {
	d := filled(t)
	content := contentOf(t, d.db)
	before := hashOf(t, d.db)
	// The lock bbolt takes is the one a running desk holds.
	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := d.write("more.jsonl", `{"title":"nouveau"}`+"\n")
	msg := failsWith(t, d, "", "is open in another crieur; close it and try again", "import", in)
	failsWith(t, d, "", "is open in another crieur; close it and try again")
	if r := d.run("", "send", "--due"); r.code != 0 || !strings.Contains(r.stdout, "nothing sent now; the next run will send what is due") {
		t.Errorf("send --due on a locked file: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	st.Close()
	if hashOf(t, d.db) != before || contentOf(t, d.db) != content {
		t.Error("the locked file changed")
	}
	return msg
}

// nobody is the user the read-only case runs crieur as when the tests run
// as root, whom file modes do not stop.
const nobody = 65534

// hostileReadOnlyFolder: the data file and its folder cannot be written
// (a copy restored read-only, a read-only mount): every command says the
// file cannot be opened. With only the folder read-only, a backup says
// where it could not write.
func hostileReadOnlyFolder(t *testing.T) string {
	d := filled(t)
	dataDir := filepath.Dir(d.db)
	content, before := contentOf(t, d.db), hashOf(t, d.db)
	run := asUser(t, d)
	if err := os.Chmod(dataDir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dataDir, 0o700) })

	r := run("backup")
	if r.code != exitError || !strings.Contains(r.stderr, "the backup could not be written; the data file is untouched") ||
		!strings.Contains(r.stderr, "backups: permission denied") {
		t.Errorf("backup into a read-only folder: exit %d, %q", r.code, r.stderr)
	}
	oneLine(t, r.stderr)
	backupMsg := strings.TrimSuffix(r.stderr, "\n")

	if err := os.Chmod(d.db, 0o400); err != nil {
		t.Fatal(err)
	}
	var msg string
	for _, args := range [][]string{{"list"}, {"import", "-"}, {"send", "--due"}, {}} {
		r := run(args...)
		if r.code != exitError || r.stderr != "crieur: "+d.db+" cannot be opened: permission denied\n" {
			t.Errorf("crieur %q on a read-only file: exit %d, %q", args, r.code, r.stderr)
		}
		msg = strings.TrimSuffix(r.stderr, "\n")
	}
	os.Chmod(d.db, 0o600)
	os.Chmod(dataDir, 0o700)
	if hashOf(t, d.db) != before || contentOf(t, d.db) != content {
		t.Error("the read-only file changed")
	}
	return msg + "; " + backupMsg
}

// asUser returns how to run crieur on d as a user that file modes stop:
// the test's own, or nobody when the tests run as root (then d's files
// are given to nobody, and a copy of the program it may run).
func asUser(t *testing.T, d *desk) func(args ...string) result {
	t.Helper()
	prog := binary
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		prog = filepath.Join(d.dir, "crieur")
		data, err := os.ReadFile(binary)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(prog, data, 0o755); err != nil {
			t.Fatal(err)
		}
		// The test's folders are root's alone: open the way down to d.
		for _, dir := range []string{filepath.Dir(d.dir), d.dir} {
			info, err := os.Stat(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, info.Mode().Perm()|0o011); err != nil {
				t.Fatal(err)
			}
		}
		err = filepath.Walk(d.dir, func(path string, _ os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			return os.Lchown(path, nobody, nobody)
		})
		if err != nil {
			t.Skipf("cannot give the files to another user: %v", err)
		}
		cred = &syscall.Credential{Uid: nobody, Gid: nobody}
	}
	run := func(args ...string) result {
		cmd := exec.Command(prog, append([]string{"--db", d.db, "--config", d.cfg}, args...)...)
		cmd.Env = deskEnv(d)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			return result{-1, "", err.Error()} // could not start
		}
		return result{cmd.ProcessState.ExitCode(), out.String(), errOut.String()}
	}
	if r := run("version"); r.code != 0 {
		t.Skipf("crieur cannot run as user %d here: %s", nobody, r.stderr)
	}
	return run
}

// hostileFullDisk: an import that needs the file to grow when the disk
// has no room. The room is taken away with RLIMIT_FSIZE (prlimit
// --fsize), set to the file's size: any write past it fails with EFBIG, as
// ENOSPC does on a full disk, and needs neither root nor a mount. The
// kernel also sends SIGXFSZ, which the Go runtime ignores, so the write's
// error reaches crieur instead of the signal killing it.
func hostileFullDisk(t *testing.T) string {
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("no prlimit to limit the file size")
	}
	d := filled(t)
	content, before := contentOf(t, d.db), hashOf(t, d.db)
	info, err := os.Stat(d.db)
	if err != nil {
		t.Fatal(err)
	}
	var week strings.Builder
	for i := range 300 {
		fmt.Fprintf(&week, `{"title":"Archive %d","body":"%s"}`+"\n", i, strings.Repeat("Texte d'archive à reprendre. ", 100))
	}
	in := d.write("archive.jsonl", week.String())
	cmd := exec.Command(prlimit, fmt.Sprintf("--fsize=%d", info.Size()), "--", binary, "--db", d.db, "--config", d.cfg, "import", in)
	cmd.Env = deskEnv(d)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitError {
		t.Fatalf("import on a full disk: %v, stdout %q, stderr %q; want exit 1", err, out.String(), errOut.String())
	}
	msg := errOut.String()
	oneLine(t, msg)
	if !strings.Contains(msg, "the disk is full, or the file may grow no more; nothing was saved") {
		t.Errorf("stderr %q", msg)
	}
	if hashOf(t, d.db) != before || contentOf(t, d.db) != content {
		t.Error("the refused import changed the data file")
	}
	return strings.TrimSuffix(msg, "\n")
}

// hostileSettings writes text as the settings file: every command says
// which file and line, and neither file changes.
func hostileSettings(text, line string) func(t *testing.T) string {
	return func(t *testing.T) string {
		d := filled(t)
		return brokenSettings(t, d, text, line)
	}
}

func brokenSettings(t *testing.T, d *desk, text, line string) string {
	t.Helper()
	if err := os.WriteFile(d.cfg, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	content, before := contentOf(t, d.db), hashOf(t, d.db)
	var msg string
	for _, args := range [][]string{{"list"}, {"import", d.write("p.jsonl", `{"title":"x"}`)}, {"send", "--due"}, {"preview", "--file", "-"}, {}} {
		msg = failsWith(t, d, `{"title":"x"}`, "settings "+d.cfg+": bad settings: "+line, args...)
	}
	if got, _ := os.ReadFile(d.cfg); string(got) != text {
		t.Error("the settings file was rewritten")
	}
	if hashOf(t, d.db) != before || contentOf(t, d.db) != content {
		t.Error("the data file changed")
	}
	return msg
}

// A settings file cut in the middle of a line, as an editor that crashed
// while saving leaves it.
func hostileHalfSettings(t *testing.T) string {
	d := filled(t) // its first run wrote the commented settings file
	full, err := os.ReadFile(d.cfg)
	if err != nil {
		t.Fatal(err)
	}
	cut := bytes.Index(full, []byte(`"Ville de`))
	if cut < 0 {
		t.Fatalf("the settings file has no channel name:\n%s", full)
	}
	line := bytes.Count(full[:cut], []byte("\n")) + 1
	return brokenSettings(t, d, string(full[:cut+len(`"Ville de`)]), fmt.Sprintf("line %d", line))
}

// A secrets file others can read is refused before anything is sent; the
// file keeps its mode and the send waits in the queue.
func hostileOpenSecrets(t *testing.T) string {
	d := newDesk(t)
	hook := newFakeDestination(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	d.destinations("[[destination]]\nname = \"hook\"\nkind = \"webhook\"\nurl = \"" + hook.URL + "\"\n")
	secrets := filepath.Join(filepath.Dir(d.cfg), "secrets.env")
	if err := os.Chmod(secrets, 0o644); err != nil {
		t.Fatal(err)
	}
	d.queue("Piscine fermée", "hook")
	content, before := contentOf(t, d.db), hashOf(t, d.db)
	msg := failsWith(t, d, "", "secrets file "+secrets+" can be read by others (mode 0644): run chmod 600 "+secrets, "send", "--due")
	if info, err := os.Stat(secrets); err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("the secrets file's mode was changed: %v", info.Mode())
	}
	if hook.count.Load() != 0 {
		t.Error("a send went out with secrets others can read")
	}
	if hashOf(t, d.db) != before || contentOf(t, d.db) != content {
		t.Error("the data file changed")
	}
	return msg
}
