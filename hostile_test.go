package main

// Hostile and broken input: what a broken disk, a careless copy, a second
// window, a pasted message or a wrong clock hands the desk. Each case does
// it to the real program, checks the message a person sees, and checks
// that nothing was changed: the data file's bytes, the settings file, the
// store's content as read back. Each logs one line, "case — message".

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
	bolt "go.etcd.io/bbolt"

	"crieur/sender"
	"crieur/settings"
	"crieur/store"
)

// TestHostileInput runs every case; with -v each logs the message a person
// saw.
func TestHostileInput(t *testing.T) {
	cases := []struct {
		name string
		run  func(t *testing.T) string // returns the message shown
	}{
		{"truncated data file", hostileDataFile(truncated)},
		{"zeroed data file", hostileDataFile(zeroed)},
		{"random data file", hostileDataFile(random)},
		{"file from a newer crieur", hostileNewerFile},
		{"locked file", hostileLockedFile},
		{"read-only data folder", hostileReadOnlyFolder},
		{"full disk", hostileFullDisk},
		{"malformed settings file", hostileSettings("[desk]\nname = \"Zoé\"\nlanguage = fr\n", "line 3")},
		{"half-written settings file", hostileHalfSettings},
		{"secrets file readable by others", hostileOpenSecrets},
		{"1 MB post body", hostileHugeBody},
		{"escape sequences, OSC 52 and bidi in a post", hostileEscapes},
		{"terminal of 20x5", hostileTinyTerminal},
		{"destination that never answers", hostileSilentServer},
		{"clock set back", hostileClockBack},
		{"image naming a private key, /etc/passwd, a text", hostileImageSecret},
		{"relative image sent by cron from another folder", hostileRelativeImage},
		{"image that is a device or a FIFO", hostileSpecialFileImage},
		{"link cards leading inside the network", hostileCardsInside},
		{"endless or binary input", hostileEndlessInput},
		{"links planted where backups go", hostileBackupLinks},
		{"Telegram over plain http", hostileClearTelegram},
		{"import of sends in flight, 1970", hostileImportStatuses},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			msg := c.run(t)
			if msg == "" {
				t.Fatal("the case showed no message")
			}
			t.Logf("%s — %s", c.name, tempDirs.ReplaceAllString(msg, "DIR"))
		})
	}
}

// tempDirs matches the tests' folders, which the logged messages name.
var tempDirs = regexp.MustCompile(regexp.QuoteMeta(os.TempDir()) + `/TestHostileInput[^/ ]*/[0-9]+`)

// hashOf is the SHA-256 of a file's bytes, or "absent".
func hashOf(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "absent"
	}
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// contentOf is every post with its revisions and sends, as the store reads
// them back, after bbolt's own check of the file.
func contentOf(t *testing.T, db string) string {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatalf("read back %s: %v", db, err)
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	err = st.EachPost(func(p store.Post) error {
		revs, err := st.Revisions(p.ID)
		if err != nil {
			return err
		}
		sends, err := st.Sends(p.ID)
		if err != nil {
			return err
		}
		return json.NewEncoder(&b).Encode([]any{p, revs, sends})
	})
	if err != nil {
		t.Fatalf("read back %s: %v", db, err)
	}
	return b.String()
}

// filled is a desk whose data file holds the tricky week and enough long
// posts to spread over many pages.
func filled(t *testing.T) *desk {
	t.Helper()
	d := newDesk(t)
	var lines strings.Builder
	lines.WriteString(tricky)
	for i := range 40 {
		fmt.Fprintf(&lines, `{"title":"Compte rendu %d","body":"%s","status":"draft"}`+"\n", i, strings.Repeat("Conseil municipal, séance publique. ", 60))
	}
	d.ok(lines.String(), "import", "-")
	return d
}

// failsWith runs crieur with args, expects exit 1 and one line on stderr
// that contains want, and returns that line.
func failsWith(t *testing.T, d *desk, stdin, want string, args ...string) string {
	t.Helper()
	r := d.run(stdin, args...)
	if r.code != exitError || !strings.Contains(r.stderr, want) {
		t.Fatalf("crieur %q: exit %d, stderr %q; want exit 1 and %q", args, r.code, r.stderr, want)
	}
	oneLine(t, r.stderr)
	return strings.TrimSuffix(r.stderr, "\n")
}

// refusedImport imports the file at path and expects it refused: the
// problem line first, then the last line saying nothing was imported,
// which it returns with the problem.
func refusedImport(t *testing.T, d *desk, path, problem string) string {
	t.Helper()
	r := d.run("", "import", path)
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	last := lines[len(lines)-1]
	if r.code != exitError || len(lines) != 2 || lines[0] != problem || last != "crieur: "+path+": 1 bad line; nothing imported" {
		t.Fatalf("import %s: exit %d, stderr %q; want %q and nothing imported", path, r.code, r.stderr, problem)
	}
	return strings.TrimPrefix(lines[0], filepath.Dir(path)+"/") + " / " + strings.TrimPrefix(last, "crieur: "+filepath.Dir(path)+"/")
}

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

// A 1 MB body is refused by the import with the line's size; the desk
// then opens and answers keys as usual. A post that big in the file (put
// there by something else than the import) is listed and previewed.
func hostileHugeBody(t *testing.T) string {
	d := newDesk(t)
	body := strings.Repeat("Le marché de Noël ouvre samedi 🎄 ", 1<<20/36)
	line, _ := json.Marshal(exchangePost{Title: "Énorme", Body: body})
	in := d.write("huge.jsonl", string(line)+"\n")
	msg := refusedImport(t, d, in, fmt.Sprintf("%s:1: line is %d bytes; a post may not be over %d", in, len(line), maxLine))
	csvIn := d.write("huge.csv", "title,body\nÉnorme,\""+body+"\"\n")
	csvMsg := refusedImport(t, d, csvIn, fmt.Sprintf("%s:2: body is %d bytes; the limit is 64 KiB", csvIn, len(body)))
	if hashOf(t, d.db) != "absent" {
		t.Error("a refused import created the data file")
	}

	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.SavePost(store.Post{Title: "Énorme", Body: body, Category: "event"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if out := d.ok("", "list"); !strings.Contains(out, "Énorme") {
		t.Errorf("list:\n%s", out)
	}
	r := d.run("", "preview", p.ID)
	if (r.code != exitOK && r.code != exitError) || !strings.Contains(r.stdout, "Le marché de Noël ouvre") {
		t.Errorf("preview of the 1 MB post: exit %d, stderr %q", r.code, r.stderr)
	}
	checkPlain(t, r.stdout, defaultWidth)

	if !testing.Short() {
		content := contentOf(t, d.db)
		term := openDesk(t, d)
		term.waitScreen("Énorme", screenTimeout)
		term.openPost("enorme")
		term.waitScreen("Le marché de Noël ouvre", screenTimeout)
		term.press(keyEsc)
		term.waitScreen(backlogFooter, screenTimeout)
		term.press("n")
		term.waitScreen(editorLabel, screenTimeout)
		term.press(keyEsc)
		term.waitScreen(backlogFooter, screenTimeout)
		term.press("q")
		if code := term.waitExit(exitTimeout); code != 0 {
			t.Errorf("q: exit code %d", code)
		}
		if contentOf(t, d.db) != content {
			t.Error("opening and leaving the post changed the data file")
		}
	}
	return msg + "; CSV " + csvMsg
}

// The sequences a hostile post carries: a clipboard write (OSC 52), a
// window title, a cursor move, a device control string, an 8-bit CSI and
// the characters that reorder text.
var hostileSequences = []string{"\x1b]52;c;cGF3bmVk\x07", "\x1b]0;pwned\x07", "\x1b[99;99H", "\x1bP+q544e\x1b\\", "\u009b2J", "\u202e", "\u2066", "\u2069"}

// hostileEscapes: the import refuses the control characters, and takes
// the bidi ones; a post that holds them all anyway (written by another
// program) reaches the terminal from none of list, preview and the desk.
func hostileEscapes(t *testing.T) string {
	d := newDesk(t)
	body := "Alerte " + strings.Join(hostileSequences, " x ")
	line, _ := json.Marshal(exchangePost{Title: "Trap " + hostileSequences[1], Body: body})
	r := d.run("", "import", d.write("trap.jsonl", string(line)+"\n"))
	if r.code != exitError || !strings.Contains(r.stderr, "title holds the control character U+001B; body holds the control character U+001B") {
		t.Errorf("import of escape sequences: exit %d, %q", r.code, r.stderr)
	}
	checkTerminalSafe(t, "the import's stderr", r.stderr)
	if hashOf(t, d.db) != "absent" {
		t.Error("a refused import created the data file")
	}
	msg := strings.Split(r.stderr, "\n")[0]
	bidi, _ := json.Marshal(exchangePost{Title: "Bidi \u202egnp.exe", Body: "Bidi \u2066x\u2069 \u202eevil"})
	d.ok(string(bidi)+"\n", "import", "-")

	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.SavePost(store.Post{Title: "Trap " + strings.Join(hostileSequences, ""), Body: body, Link: "https://www.valbourg.fr/\x1b]52;c;eA==\x07", Category: "alert\x1b[5m"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	list := d.ok("", "list")
	checkTerminalSafe(t, "crieur list", list)
	if !strings.Contains(list, `Trap \x1b]52;c;cGF3bmVk\x07`) || !strings.Contains(list, `Bidi \u202egnp.exe`) {
		t.Errorf("list does not show the titles escaped:\n%s", list)
	}
	r = d.run("", "preview", p.ID)
	checkTerminalSafe(t, "crieur preview", r.stdout)
	checkTerminalSafe(t, "crieur preview's stderr", r.stderr)
	if !strings.Contains(r.stdout, "Alerte") {
		t.Errorf("preview:\n%s", r.stdout)
	}
	if j := d.ok("", "list", "--json"); strings.ContainsAny(j, "\x1b\x07") {
		t.Errorf("list --json holds a raw escape: %q", j)
	}

	if !testing.Short() {
		content := contentOf(t, d.db)
		term := openDesk(t, d)
		term.waitScreen("Bidi", screenTimeout)
		term.openPost("trap")
		term.waitScreen("Alerte", screenTimeout)
		// The editor shows control characters as symbols, so the post
		// reads as modified: leave without saving.
		term.press(keyEsc)
		term.waitScreen("Save them?", screenTimeout)
		term.press("n")
		term.waitScreen(backlogFooter, screenTimeout)
		term.press("q")
		if code := term.waitExit(exitTimeout); code != 0 {
			t.Errorf("q: exit code %d", code)
		}
		out := term.written()
		for _, seq := range append(hostileSequences, "\x1b]52;c;eA==", "\x1b[5m") {
			if bytes.Contains(out, []byte(seq)) {
				t.Errorf("the desk wrote the post's %q to the terminal", seq)
			}
		}
		if contentOf(t, d.db) != content {
			t.Error("opening and leaving the post changed the data file")
		}
	}
	return escapeControls(msg)
}

// openDeskIn starts the desk in a terminal of cols×rows that is replayed
// into a larger screen: anything drawn past the terminal's edges lands
// on the screen where the test sees it.
func openDeskIn(t *testing.T, d *desk, cols, rows, screenCols, screenRows int) *terminal {
	t.Helper()
	d.settled()
	cmd := exec.Command(binary, "--offline", "--db", d.db, "--config", d.cfg)
	cmd.Env = deskEnv(d)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)})
	if err != nil {
		t.Fatalf("start crieur in a terminal: %v", err)
	}
	term := &terminal{t: t, cmd: cmd, pty: f, screen: vt.NewEmulator(screenCols, screenRows), exited: make(chan struct{}), copied: make(chan struct{})}
	go term.copyOutput()
	go term.answerQueries()
	go func() {
		term.waitErr = cmd.Wait()
		close(term.exited)
	}()
	t.Cleanup(term.close)
	return term
}

// hostileTinyTerminal drives the desk in 20 columns and 5 rows: every
// screen stays inside them, and q quits cleanly.
func hostileTinyTerminal(t *testing.T) string {
	if testing.Short() {
		t.Skip("the desk in a terminal; run without -short")
	}
	const cols, rows = 20, 5
	d := newDesk(t)
	term := openDeskIn(t, d, cols, rows, 60, 20)
	inside := func(screen string) error {
		for i, line := range strings.Split(screen, "\n") {
			line = strings.TrimRight(line, " ")
			switch {
			case i >= rows && line != "":
				return fmt.Errorf("row %d drawn below the terminal: %q", i+1, line)
			case ansi.StringWidth(line) > cols:
				return fmt.Errorf("row %d is %d cells wide: %q", i+1, ansi.StringWidth(line), line)
			}
		}
		return nil
	}
	var msg string
	for _, step := range []struct{ keys, shows string }{
		{"", "crieur"}, {"j", "crieur"}, {"n", "crieur"}, {keyEsc, "crieur"}, {"w", "crieur"}, {keyEsc, "crieur"}, {"?", "crieur"}, {keyEsc, "crieur"},
	} {
		if step.keys != "" {
			term.press(step.keys)
		}
		screen := term.waitScreen(step.shows, screenTimeout)
		time.Sleep(100 * time.Millisecond) // the frame after the key
		screen = term.text()
		if err := inside(screen); err != nil {
			t.Fatalf("after %q: %v; the screen:\n%s", step.keys, err, framed(screen))
		}
		if msg == "" {
			msg = strings.TrimSpace(strings.Split(screen, "\n")[0])
		}
	}
	term.press("q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Errorf("q: exit code %d", code)
	}
	if out := term.written(); bytes.Contains(out, []byte("panic")) || bytes.Contains(out, []byte("goroutine ")) {
		t.Errorf("the desk crashed:\n%s", out)
	}
	if posts := strings.Count(contentOf(t, d.db), "\n"); posts != 7 {
		t.Errorf("after the desk in a small terminal the file holds %d posts, want the 7 samples", posts)
	}
	return fmt.Sprintf("the first row reads %q; q exits 0", msg)
}

// hostileSilentServer: a webhook destination that takes the request and
// never answers. The send ends unknown with a message that says it timed
// out, is never sent again by itself, and the send log says so; a link
// card read from the same server gives up too.
func hostileSilentServer(t *testing.T) string {
	var mu sync.Mutex
	var keys []string
	stop := make(chan struct{})
	silent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		keys = append(keys, r.Header.Get(sender.HeaderIdempotency))
		mu.Unlock()
		// Read to the end, so that the server notices the client leave.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	defer silent.Close()
	defer close(stop)

	d := newDesk(t)
	d.destinations("[[destination]]\nname = \"hook\"\nkind = \"webhook\"\nurl = \"" + silent.URL + "/hook\"\n")
	ids := d.queue("Piscine fermée", "hook")
	settings, _, err := settings.Load(d.cfg, englishSettings)
	if err != nil {
		t.Fatal(err)
	}
	secrets, err := sender.LoadSecrets(filepath.Join(filepath.Dir(d.cfg), "secrets.env"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	// The webhook's own timeouts (10 s, three attempts) made short.
	backends, err := sender.BuildBackends(settings, secrets, &http.Client{}, t.TempDir(),
		sender.WithTimeout(300*time.Millisecond), sender.WithAttempts(2), sender.WithBackoff(10*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	run := func() string {
		st, err := store.Open(d.db, store.Options{Hash: func(p store.Post) string { return sender.Seal(p, settings) }})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		report, err := (&sender.Dispatcher{Store: st, Settings: settings, Backends: backends}).RunDue(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		(&cli{stdout: &out}).printReport(report)
		return out.String()
	}
	first := run()
	if !strings.HasPrefix(first, "unknown ") || !strings.Contains(first, "no answer within 300ms") {
		t.Errorf("first run:\n%s", first)
	}
	mu.Lock()
	tried := len(keys)
	mu.Unlock()
	second := run()
	if !strings.Contains(second, "nothing is due") || !strings.Contains(second, "check the channel: it is not sent again by itself") {
		t.Errorf("second run:\n%s", second)
	}
	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	snd, err := st.Send(ids[0])
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if key := sender.IdempotencyKey(snd.Post, "hook", snd.Hash); len(keys) != tried || tried != 2 || keys[0] != key || keys[1] != key {
		t.Errorf("the server got %q; want the key %s twice (both attempts of one run)", keys, key)
	}
	p, err := st.Post(snd.Post)
	if err != nil {
		t.Fatal(err)
	}
	if snd.State != store.SendUnknown || len(snd.Attempts) != 1 || snd.Last().State != store.SendUnknown ||
		!strings.Contains(snd.Last().Err, "no answer within 300ms") || p.Status != store.StatusUnknown {
		t.Errorf("send log %+v, post %s; want one unknown attempt and an unknown post", snd, p.Status)
	}
	if unresolved, err := st.Unresolved(); err != nil || len(unresolved) != 1 || unresolved[0].ID != ids[0] {
		t.Errorf("unresolved %+v, %v", unresolved, err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := sender.FetchCard(ctx, &http.Client{}, silent.URL+"/page", time.Now()); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("card from a silent server: %v", err)
	}
	return strings.TrimSpace(strings.Split(first, "\n")[0])
}

// hostileClockBack: the clock goes back an hour and a half between two
// runs (a wrong NTP, a dead CMOS battery). Revisions keep their order,
// what was sent is not sent again, what is due later is not sent early,
// and validation still binds the sent text.
func hostileClockBack(t *testing.T) string {
	d := newDesk(t)
	hook := newFakeDestination(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	d.destinations("[[destination]]\nname = \"hook\"\nkind = \"webhook\"\nurl = \"" + hook.URL + "\"\n")
	settings, _, err := settings.Load(d.cfg, englishSettings)
	if err != nil {
		t.Fatal(err)
	}
	monday := time.Date(2025, 11, 24, 9, 0, 0, 0, settings.Location())
	now := monday
	clock := func() time.Time { return now }
	open := func() *store.Store {
		st, err := store.Open(d.db, store.Options{Now: clock, Hash: func(p store.Post) string { return sender.Seal(p, settings) }})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	send := func() string {
		var out, errOut bytes.Buffer
		c := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: env(nil), now: clock}
		if code := c.run([]string{"--db", d.db, "--config", d.cfg, "send", "--due"}); code != 0 {
			t.Fatalf("send --due at %v: exit %d %s", now, code, errOut.String())
		}
		return out.String()
	}
	validated := func(st *store.Store, title string, at time.Time) store.Post {
		p, err := st.SavePost(store.Post{Title: title, Body: "*" + title + "* : fermée", Link: "https://www.valbourg.fr/piscine", Category: "service", Status: store.StatusReady})
		if err != nil {
			t.Fatal(err)
		}
		if p, err = st.Validate(p.ID, p.Rev, "Camille"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Queue(p.ID, []string{"hook"}, at, false, ""); err != nil {
			t.Fatal(err)
		}
		return p
	}

	st := open()
	first := validated(st, "Piscine", monday.Add(time.Hour))
	draft, err := st.SavePost(store.Post{Title: "Brouillon", Body: "v1"})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	now = monday.Add(2 * time.Hour)
	msg := strings.TrimSpace(send())
	if !strings.Contains(msg, "sent        Piscine -> hook") {
		t.Fatalf("at 11:00:\n%s", msg)
	}

	now = monday.Add(30 * time.Minute) // back by an hour and a half
	st = open()
	draft.Body = "v2"
	if draft, err = st.SavePost(draft); err != nil {
		t.Fatal(err)
	}
	later := validated(st, "Médiathèque", monday.Add(90*time.Minute))
	st.Close()
	if out := send(); out != "nothing is due\n" {
		t.Errorf("at 09:30, after the clock went back:\n%s", out)
	}
	msg += "; after the clock went back: " + strings.TrimSpace(send())
	now = monday.Add(100 * time.Minute)
	if out := send(); !strings.Contains(out, "sent        Médiathèque -> hook") || strings.Contains(out, "Piscine") {
		t.Errorf("at 10:40:\n%s", out)
	}

	st = open()
	defer st.Close()
	revs, err := st.Revisions(draft.ID)
	if err != nil || len(revs) != 2 || revs[0].Rev != 1 || revs[1].Rev != 2 || revs[1].Post.Body != "v2" {
		t.Errorf("revisions after the clock went back: %+v, %v", revs, err)
	}
	var sendIDs []string
	for _, p := range []store.Post{first, later} {
		sends, err := st.Sends(p.ID)
		if err != nil || len(sends) != 1 || sends[0].State != store.SendSent || len(sends[0].Attempts) != 1 {
			t.Errorf("%s: sends %+v, %v; want one sent, in one attempt", p.Title, sends, err)
			continue
		}
		sendIDs = append(sendIDs, sends[0].ID)
		got, err := st.Post(p.ID)
		if err != nil || got.Status != store.StatusSent || got.Validation == nil || sends[0].Hash != got.Validation.Hash {
			t.Errorf("%s after sending: %+v, %v", p.Title, got, err)
		}
	}
	if len(sendIDs) == 2 && sendIDs[1] <= sendIDs[0] {
		t.Errorf("the send log's ids went back with the clock: %v", sendIDs)
	}
	if n := hook.count.Load(); n != 2 {
		t.Errorf("the destination got %d requests; want one per post", n)
	}
	return msg
}
