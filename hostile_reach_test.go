package main

// Hostile input that tries to make the desk reach what it should not: a
// post whose image names a secret or a device, a link that leads inside
// the network, an input that never ends, a planted link where a backup
// goes. Each case is part of TestHostileInput: it does it to the real
// program, checks the message a person sees, and that nothing was lost.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"crieur/picture/picturetest"
	"crieur/sender"
	"crieur/store"
)

// runIn runs crieur on d's files in dir, with stdin as its input: the
// program as cron or a script starts it, from wherever.
func (d *desk) runFrom(dir string, stdin io.Reader, args ...string) result {
	d.t.Helper()
	cmd := exec.Command(binary, append([]string{"--db", d.db, "--config", d.cfg}, args...)...)
	cmd.Dir = dir
	cmd.Env = deskEnv(d, "LANG=C")
	cmd.Stdin = stdin
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		d.t.Fatalf("start crieur %v: %v", args, err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(exitTimeout):
		cmd.Process.Kill()
		<-done
		d.t.Fatalf("crieur %v did not end within %v", args, exitTimeout)
	}
	return result{cmd.ProcessState.ExitCode(), out.String(), errOut.String()}
}

// frenchDesk starts the desk in French in a terminal of 80×24 from dir,
// with flags (the tests' desks are offline unless flags say otherwise).
func frenchDesk(t *testing.T, d *desk, dir string, flags ...string) *terminal {
	t.Helper()
	cmd := exec.Command(binary, append(flags, "--lang", "fr", "--db", d.db, "--config", d.cfg)...)
	cmd.Dir = dir
	cmd.Env = deskEnv(d, "LANG=fr_FR.UTF-8")
	return inTerminal(t, cmd, 80, 24, 80, 24)
}

// What the French desk shows; see ui/i18n/fr.go.
const (
	frBacklog = "/ filtrer"   // the backlog's filter line
	frEditor  = "Texte alt."  // a field name only the editor shows
	frSaved   = "Enregistré " // after ctrl+s
)

// quit leaves the desk with q and checks that the process ended, with 0.
func (term *terminal) quit() {
	term.t.Helper()
	term.press("q")
	if code := term.waitExit(exitTimeout); code != 0 {
		term.t.Fatalf("q: exit code %d; the screen:\n%s", code, framed(term.text()))
	}
}

// importLine imports one post, as JSON, into d from dir.
func importLine(t *testing.T, d *desk, dir string, post map[string]string) {
	t.Helper()
	line, _ := json.Marshal(post)
	if r := d.runFrom(dir, bytes.NewReader(append(line, '\n')), "import", "-"); r.code != 0 {
		t.Fatalf("import %s: exit %d, %s", line, r.code, r.stderr)
	}
}

// postTitled reads the post of that title from d's data file.
func postTitled(t *testing.T, d *desk, title string) store.Post {
	t.Helper()
	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var found store.Post
	err = st.EachPost(func(p store.Post) error {
		if p.Title == title {
			found = p
		}
		return nil
	})
	if err != nil || found.ID == "" {
		t.Fatalf("no post %q in the data file (%v)", title, err)
	}
	return found
}

// forceQueue validates a post and queues it to dests as a desk that
// skipped the checks would: the back-ends must refuse on their own.
func forceQueue(t *testing.T, d *desk, id string, dests ...string) string {
	t.Helper()
	st := d.sealedStore(t)
	defer st.Close()
	p, err := st.Post(id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != store.StatusReady {
		if p, err = st.SetStatus(id, store.StatusReady); err != nil {
			t.Fatal(err)
		}
	}
	if p, err = st.Validate(id, p.Rev, "Camille"); err != nil {
		t.Fatal(err)
	}
	sends, err := st.Queue(p.ID, dests, time.Now(), false, "")
	if err != nil {
		t.Fatal(err)
	}
	return sends[0].ID
}

// recordingHook is a webhook destination that keeps every body it took.
type recordingHook struct {
	*fakeDestination
	mu     sync.Mutex
	bodies [][]byte
}

func newRecordingHook(t *testing.T) *recordingHook {
	h := &recordingHook{}
	h.fakeDestination = newFakeDestination(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		h.bodies = append(h.bodies, b)
		h.mu.Unlock()
		w.WriteHeader(http.StatusOK)
	})
	return h
}

func (h *recordingHook) all() []byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	return bytes.Join(h.bodies, nil)
}

// hostileImageSecret: a post whose image names a private key, the
// password file or a text named .jpg. The picture is refused when the post
// is saved (here, imported), the preview's check names the image, and
// even a post validated and queued by a desk that skipped the checks
// uploads nothing: the send fails, saying why.
func hostileImageSecret(t *testing.T) string {
	d := newDesk(t)
	hook := newRecordingHook(t)
	d.destinations("[[destination]]\nname = \"hook\"\nkind = \"webhook\"\nurl = \"" + hook.URL + "\"\n")
	key := filepath.Join(d.dir, ".ssh", "id_ed25519")
	secret := "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n"
	if err := os.MkdirAll(filepath.Dir(key), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(key, []byte(secret), 0o600); err != nil {
		t.Fatal(err)
	}
	fake := d.write("photo.jpg", "root:x:0:0:root:/root:/bin/bash\n")
	var msg string
	for i, image := range []string{"~/.ssh/id_ed25519", "/etc/passwd", fake} {
		title := fmt.Sprintf("Secret %d", i)
		importLine(t, d, d.dir, map[string]string{"title": title, "body": "Texte.", "link": "https://www.valbourg.fr/a",
			"category": "event", "status": "ready", "image": image, "alt": "une photo"})
		p := postTitled(t, d, title)
		if pic := p.PictureFor(); pic == nil || pic.Kept() || pic.Problem != "format" {
			t.Fatalf("%s: the picture taken is %+v", image, p.Picture)
		}
		r := d.run("", "preview", p.ID)
		want := "error: image-format: the image is neither a JPEG nor a PNG: " + image
		if r.code != exitError || !strings.Contains(r.stdout, want) {
			t.Fatalf("preview of a post whose image is %s: exit %d\n%s", image, r.code, r.stdout)
		}
		msg = want
		send := forceQueue(t, d, p.ID, "hook")
		r = d.run("", "send", "--due")
		if r.code != exitError || !strings.Contains(r.stdout, "is not in the data file") || d.sendState(send) != store.SendFailed {
			t.Fatalf("send of a post whose image is %s: exit %d\n%s%s", image, r.code, r.stdout, r.stderr)
		}
	}
	if body := hook.all(); bytes.Contains(body, []byte("PRIVATE KEY")) || bytes.Contains(body, []byte("root:x:0")) ||
		bytes.Contains(body, []byte(base64.StdEncoding.EncodeToString([]byte(secret))[:20])) {
		t.Errorf("a secret reached the destination: %q", body)
	}
	if n := hook.count.Load(); n != 0 {
		t.Errorf("the destination got %d requests", n)
	}
	return msg + "; the send: failed, " + "the picture is not in the data file"
}

// hostileRelativeImage: a post whose image is a relative path, saved in
// one folder, is sent by cron from another, after the file on disk was
// replaced: what goes out is the picture validated, and a desk started
// from yet another folder leaves the post in its slot.
func hostileRelativeImage(t *testing.T) string {
	d := newDesk(t)
	hook := newRecordingHook(t)
	d.destinations("[[destination]]\nname = \"hook\"\nkind = \"webhook\"\nurl = \"" + hook.URL + "\"\n")
	work := filepath.Join(d.dir, "redaction")
	elsewhere := filepath.Join(d.dir, "cron")
	for _, dir := range []string{filepath.Join(work, "images"), elsewhere} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	validated := picturetest.JPEG(t, 64, 48)
	if err := os.WriteFile(filepath.Join(work, "images", "affiche.jpg"), validated, 0o600); err != nil {
		t.Fatal(err)
	}
	importLine(t, d, work, map[string]string{"title": "Affiche", "body": "Le marché de Noël ouvre samedi.",
		"link": "https://www.valbourg.fr/noel", "category": "event", "status": "ready", "image": "images/affiche.jpg", "alt": "l’affiche"})
	p := postTitled(t, d, "Affiche")
	planned := planPost(t, d, p.ID, time.Now().Add(72*time.Hour))
	later := postTitled(t, d, "Affiche")
	if later.Status != store.StatusPlanned {
		t.Fatalf("not planned: %s", later.Status)
	}
	// The file on disk changes, and goes, after validation.
	if err := os.WriteFile(filepath.Join(work, "images", "affiche.jpg"), picturetest.PNG(t, 8, 8), 0o600); err != nil {
		t.Fatal(err)
	}
	term := frenchDesk(t, d, elsewhere)
	term.waitScreen(frBacklog, screenTimeout)
	term.quit()
	os.Remove(filepath.Join(work, "images", "affiche.jpg"))
	if p := postTitled(t, d, "Affiche"); p.Status != store.StatusPlanned || p.Validation == nil {
		t.Fatalf("after a desk opened from another folder: %s", p.Status)
	}
	// The picture is drawn and checked from the data file, from anywhere.
	if r := d.runFrom(elsewhere, nil, "preview", p.ID); r.code != 0 || !strings.Contains(r.stdout, "▀") {
		t.Errorf("preview from another folder, the file gone: exit %d\n%s", r.code, r.stdout)
	}
	// Now due: cron sends it, from its own folder.
	moveQueue(t, d, planned)
	r := d.runFrom(elsewhere, nil, "send", "--due")
	if r.code != 0 || !strings.Contains(r.stdout, "sent") {
		t.Fatalf("send --due from another folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	var got sender.WebhookPayload
	if err := json.Unmarshal(hook.all(), &got); err != nil || got.Image == nil {
		t.Fatalf("the webhook got %v, %+v", err, got)
	}
	sum := sha256.Sum256(validated)
	if raw, _ := base64.StdEncoding.DecodeString(got.Image.Data); !bytes.Equal(raw, validated) || got.Image.SHA256 != hex.EncodeToString(sum[:]) {
		t.Error("what went out is not the picture validated")
	}
	return strings.TrimSpace(strings.Split(r.stdout, "\n")[0])
}

// planPost plans a validated post in a slot to come, queued to the hook,
// as the week screen does; it returns the send's id.
func planPost(t *testing.T, d *desk, id string, at time.Time) string {
	t.Helper()
	st := d.sealedStore(t)
	defer st.Close()
	p, err := st.Validate(id, postRev(t, st, id), "Camille")
	if err != nil {
		t.Fatal(err)
	}
	_, sends, err := st.PlanAndQueue(p.ID, at, []string{"hook"})
	if err != nil {
		t.Fatal(err)
	}
	return sends[0].ID
}

func postRev(t *testing.T, st *store.Store, id string) uint64 {
	t.Helper()
	p, err := st.Post(id)
	if err != nil {
		t.Fatal(err)
	}
	return p.Rev
}

// moveQueue makes a queued send due now, as time passing would.
func moveQueue(t *testing.T, d *desk, sendID string) {
	t.Helper()
	st := d.sealedStore(t)
	defer st.Close()
	snd, err := st.Send(sendID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SendNow(snd.Post, []string{"hook"}, time.Now(), false, ""); err != nil {
		t.Fatal(err)
	}
}

// hostileSpecialFileImage: /dev/zero, a FIFO nobody writes to and a
// folder as a post's image, typed in the desk in French: each save comes
// back at once with a check naming the image, and q ends the process.
// The import and the preview of such posts end at once too.
func hostileSpecialFileImage(t *testing.T) string {
	d := newDesk(t)
	fifo := filepath.Join(d.dir, "photo.jpg")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, image := range []string{"/dev/zero", fifo} {
		post, _ := json.Marshal(map[string]string{"title": "x", "body": "Texte.", "link": "https://www.valbourg.fr/a", "category": "event", "image": image, "alt": "a"})
		r := d.runFrom(d.dir, bytes.NewReader(post), "preview", "--file", "-")
		if r.code != exitError || !strings.Contains(r.stdout, "error: image-not-file: the image is not a regular file: "+image) {
			t.Errorf("preview of a post whose image is %s: exit %d\n%s%s", image, r.code, r.stdout, r.stderr)
		}
	}
	if r := d.runFrom(d.dir, strings.NewReader(`{"title":"FIFO","image":"`+fifo+`","alt":"a"}`+"\n"), "import", "-"); r.code != 0 {
		t.Errorf("import of a post whose image is a FIFO: exit %d, %s", r.code, r.stderr)
	}

	if testing.Short() {
		return "preview: error: image-not-file: the image is not a regular file: /dev/zero"
	}
	term := frenchDesk(t, d, d.dir, "--offline")
	term.waitScreen(frBacklog, screenTimeout)
	term.press("n")
	term.waitScreen(frEditor, screenTimeout)
	term.press("Image piégée", keyTab, keyTab, keyTab, "/dev/zero", keyTab, "une image", keyTab, "Texte du post.")
	term.waitScreen("Texte du post.", screenTimeout)
	start := time.Now()
	term.press(keySave)
	term.waitScreen(frSaved, screenTimeout)
	screen := term.waitScreen("l’image n’est pas un fichier", screenTimeout)
	took := time.Since(start)
	var msg string
	for _, line := range rows(screen) {
		if i := strings.Index(line, "✗ l’image"); i >= 0 {
			msg = strings.TrimSpace(line[i:])
		}
	}
	term.press(keyEsc)
	term.waitScreen(frBacklog, screenTimeout)
	term.quit()
	if p := postTitled(t, d, "Image piégée"); p.PictureFor() == nil || p.PictureFor().Problem != "not-file" || p.Body != "Texte du post." {
		t.Errorf("the post saved: %+v", p)
	}
	return fmt.Sprintf("%s (shown %v after ctrl+s; q ends the desk)", msg, took.Round(100*time.Millisecond))
}

// hostileCardsInside: the desk, online, is asked for the card of links
// that lead inside: a page on this machine, over https within the allowed
// domains, and one over plain http. It reads neither and says why; the
// library refuses redirects to the machine and to link-local addresses.
func hostileCardsInside(t *testing.T) string {
	var hits atomic.Int32
	inside := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write([]byte(`<html><head><title>Console d’administration</title></head></html>`))
	}))
	defer inside.Close()
	plain := httptest.NewServer(inside.Config.Handler)
	defer plain.Close()
	d := newDesk(t)
	d.destinations("[channel]\nallowed_domains = [\"127.0.0.1\", \"valbourg.fr\"]\n")
	importLine(t, d, d.dir, map[string]string{"title": "Interne", "body": "Texte.", "link": inside.URL + "/admin", "category": "event", "status": "draft"})
	importLine(t, d, d.dir, map[string]string{"title": "Clair", "body": "Texte.", "link": plain.URL + "/admin", "category": "event", "status": "draft"})
	content := contentOf(t, d.db)

	// What the desk's own reader does with redirects, from a page it may read.
	redirects := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		to := map[string]string{"/to-inside": "https://localhost" + strings.TrimPrefix(inside.URL, "https://127.0.0.1"), "/to-metadata": "https://169.254.169.254/latest/"}[r.URL.Path]
		http.Redirect(w, r, to, http.StatusFound)
	}))
	defer redirects.Close()
	pool := x509.NewCertPool()
	pool.AddCert(redirects.Certificate())
	reader := sender.NewCardReader(sender.CardOptions{AllowLoopback: true, RootCAs: pool})
	for path, want := range map[string]error{"/to-inside": sender.ErrCardRefused, "/to-metadata": sender.ErrCardAddress} {
		if _, err := reader.Read(context.Background(), "x", redirects.URL+path, []string{"127.0.0.1", "169.254.169.254"}, false, time.Now()); !errors.Is(err, want) {
			t.Errorf("a redirect %s: %v, want %v", path, err, want)
		}
	}

	msg := "the library refuses redirects to localhost and 169.254.169.254"
	if !testing.Short() {
		term := frenchDesk(t, d, d.dir) // online
		term.waitScreen(frBacklog, screenTimeout)
		for _, c := range []struct{ title, want string }{
			{"interne", "le lien mène à une adresse interne"},
			{"clair", "seuls les liens https des domaines autorisés"},
		} {
			term.press("/", c.title, keyEnter)
			term.waitScreen("/ "+c.title+"  (", screenTimeout)
			term.press("p")
			term.waitScreen("téléphone clair / sombre", screenTimeout)
			term.press("f")
			screen := term.waitScreen(c.want, screenTimeout)
			for _, line := range rows(screen) {
				if i := strings.Index(line, "Aperçu non lu"); i >= 0 && c.title == "interne" {
					msg = strings.TrimSpace(line[i:])
				}
			}
			term.press(keyEsc)
			term.waitScreen("/ "+c.title+"  (", screenTimeout)
			term.press(keyEsc) // clears the filter
			term.waitScreen(frBacklog, screenTimeout)
		}
		term.quit()
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the internal page was read %d times", n)
	}
	if contentOf(t, d.db) != content {
		t.Error("a card from inside was kept")
	}
	return msg
}

// hostileEndlessInput: an import or a preview of what never ends or is
// not text: each is refused in one line, at once, and the data file is
// neither created nor changed.
func hostileEndlessInput(t *testing.T) string {
	d := newDesk(t)
	fifo := filepath.Join(d.dir, "posts.jsonl")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	zero := func() io.Reader {
		f, err := os.Open("/dev/zero")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	cases := []struct {
		name  string
		stdin func() io.Reader
		args  []string
		want  string
	}{
		{"import /dev/zero", nil, []string{"import", "/dev/zero"}, "crieur: /dev/zero: not a regular file (a device)"},
		{"import a FIFO", nil, []string{"import", fifo}, "not a regular file (a FIFO)"},
		{"import - < /dev/zero", zero, []string{"import", "-"}, "crieur: stdin: this is not a JSON lines or CSV file: it holds binary data; nothing imported"},
		{"import the crieur program", nil, []string{"import", binary}, "this is not a JSON lines or CSV file: it holds binary data; nothing imported"},
		{"preview --file /dev/zero", nil, []string{"preview", "--file", "/dev/zero"}, "crieur: /dev/zero: not a regular file (a device)"},
		{"preview --file - < /dev/zero", zero, []string{"preview", "--file", "-"}, "crieur: stdin is over"},
	}
	var msg string
	for _, c := range cases {
		var in io.Reader
		if c.stdin != nil {
			in = c.stdin()
		}
		r := d.runFrom(d.dir, in, c.args...)
		if r.code != exitError || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want %q", c.name, r.code, r.stderr, c.want)
			continue
		}
		oneLine(t, r.stderr)
		if c.name == "import the crieur program" {
			msg = strings.TrimSpace(strings.Replace(r.stderr, binary, "the program itself", 1))
		}
	}
	// Thirty bad lines: twenty are shown, then how many more.
	var bad strings.Builder
	for i := range 30 {
		fmt.Fprintf(&bad, `{"title":"ligne %d","status":"publié"}`+"\n", i)
	}
	path := d.write("bad.jsonl", bad.String())
	r := d.runFrom(d.dir, nil, "import", path)
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if r.code != exitError || len(lines) != 22 || lines[20] != path+": … and 10 more bad lines" || lines[21] != "crieur: "+path+": 30 bad lines; nothing imported" {
		t.Errorf("30 bad lines: exit %d\n%s", r.code, r.stderr)
	}
	if hashOf(t, d.db) != "absent" {
		t.Error("a refused input created the data file")
	}
	return msg + "; 30 bad lines: 20 shown, then “… and 10 more bad lines”"
}

// hostileBackupLinks: links planted where backups go are never written
// through, what a killed backup left is removed when the desk next opens,
// and crieur backup works while the desk is open.
func hostileBackupLinks(t *testing.T) string {
	d := filled(t)
	content := contentOf(t, d.db)
	backups := store.BackupDirFor(d.db)
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	victim := d.write("victim.txt", "a person's file")
	planted := filepath.Join(d.dir, "copy.db")
	daily := filepath.Join(backups, "crieur-"+time.Now().Format("2006-01-02")+".db")
	for _, link := range []string{planted, daily} {
		if err := os.Symlink(victim, link); err != nil {
			t.Fatal(err)
		}
	}
	r := d.run("", "backup", planted)
	if r.code != exitError || !strings.Contains(r.stderr, "already exists; name another file") {
		t.Errorf("backup onto a planted link: exit %d, %q", r.code, r.stderr)
	}
	msg := strings.TrimSpace(strings.ReplaceAll(r.stderr, d.dir, "DIR"))
	leftover := filepath.Join(backups, ".crieur-backup-4242.part")
	if err := os.WriteFile(leftover, bytes.Repeat([]byte{0}, 1<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(backups, "crieur-avant-fete.db")
	if err := os.WriteFile(mine, []byte("kept by a person"), 0o600); err != nil {
		t.Fatal(err)
	}

	if !testing.Short() {
		term := frenchDesk(t, d, d.dir, "--offline")
		term.waitScreen(frBacklog, screenTimeout)
		// While the desk holds the file, crieur backup asks it.
		r := d.run("", "backup")
		if r.code != 0 || !strings.HasPrefix(r.stdout, backups+"/crieur-") {
			t.Errorf("backup while the desk is open: exit %d, %q %q", r.code, r.stdout, r.stderr)
		} else {
			copied := strings.TrimSpace(r.stdout)
			if got := contentOf(t, copied); got != content {
				t.Error("the copy the desk made differs from the data file")
			}
			msg += "; with the desk open: " + strings.Replace(copied, backups, "backups", 1)
		}
		term.quit()
		if _, err := os.Stat(leftover); !errors.Is(err, os.ErrNotExist) {
			t.Error("the leftover of a killed backup is still there after the desk opened")
		}
	}
	if b, err := os.ReadFile(victim); err != nil || string(b) != "a person's file" {
		t.Errorf("the file behind the links: %q, %v", b, err)
	}
	if b, _ := os.ReadFile(mine); string(b) != "kept by a person" {
		t.Error("a file the person named was touched")
	}
	if contentOf(t, d.db) != content {
		t.Error("the data file changed")
	}
	return msg
}

// hostileClearTelegram: a Telegram destination whose api_base is plain
// http is refused by every command, before the token goes anywhere.
func hostileClearTelegram(t *testing.T) string {
	d := filled(t)
	text := "[[destination]]\nname = \"tg\"\nkind = \"telegram\"\nchat_id = \"@valbourg\"\napi_base = \"http://api.telegram.org\"\n"
	return brokenSettings(t, d, text, "destination \"tg\": api_base must be an https address")
}

// hostileImportStatuses: an import keeps what a file can prove. A send in
// flight is refused by line; a validated or planned post comes back ready
// and the import says so; a sent one stays sent with nothing to send; a
// post of 1970-01-01 keeps its date.
func hostileImportStatuses(t *testing.T) string {
	d := newDesk(t)
	in := d.write("statuses.jsonl", `{"title":"en cours","status":"sending"}`+"\n"+`{"title":"incertain","status":"unknown"}`+"\n")
	r := d.run("", "import", in)
	if r.code != exitError || !strings.Contains(r.stderr, in+":1: status sending is a send whose outcome the file cannot tell") ||
		!strings.Contains(r.stderr, in+":2: status unknown") {
		t.Errorf("sending and unknown: exit %d\n%s", r.code, r.stderr)
	}
	refused := strings.Split(r.stderr, "\n")[0]
	in = d.write("kept.jsonl", strings.Join([]string{
		`{"title":"validé","status":"validated"}`,
		`{"title":"planifié","status":"planned"}`,
		`{"title":"envoyé","status":"sent"}`,
		`{"title":"archivé","status":"archived"}`,
		`{"title":"1970","status":"draft","created":"1970-01-01T00:00:00Z"}`,
	}, "\n"))
	r = d.run("", "import", in)
	if r.code != 0 || !strings.Contains(r.stderr, in+":1: validated in the file, imported as ready: its validation and slot are not in the file") ||
		!strings.Contains(r.stderr, in+":2: planned in the file, imported as ready") {
		t.Fatalf("validated and planned: exit %d\n%s", r.code, r.stderr)
	}
	list := d.ok("", "list")
	for _, want := range []string{"ready", "sent", "archived", "1970-01-01"} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q:\n%s", want, list)
		}
	}
	if strings.Contains(list, "0001-01-01") || strings.Contains(list, "validated") || strings.Contains(list, "planned") {
		t.Errorf("list:\n%s", list)
	}
	if sent := postTitled(t, d, "envoyé"); sent.Status != store.StatusSent || sent.Validation != nil {
		t.Errorf("the sent post: %s", sent.Status)
	} else if sends := d.ok("", "send", "--due"); sends != "nothing is due\n" {
		t.Errorf("a sent post imported is queued: %q", sends)
	}
	return escapeControls(strings.ReplaceAll(refused, d.dir+"/", ""))
}
