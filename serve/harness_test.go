package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"crieur/sender"
	"crieur/settings"
	"crieur/store"
)

// The team desk under test: a real server on 127.0.0.1:0, a real data
// file, real SSH clients (golang.org/x/crypto/ssh) in 80x24 terminals
// replayed into a virtual screen.

type member struct{ name, role string }

type team struct {
	t      testing.TB
	dir    string
	cfg    string
	st     *store.Store
	srv    *Server
	addr   string
	keys   map[string]gossh.Signer
	cancel context.CancelFunc
	done   chan error
}

func newSigner(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// settingsText is a settings file listing the members with their keys.
func (tm *team) settingsText(members []member, extra string) string {
	var b strings.Builder
	b.WriteString("[desk]\ntimezone = \"Europe/Paris\"\n\n[channel]\nname = \"Ville de Valbourg\"\nallowed_domains = [\"valbourg.fr\"]\n\n")
	b.WriteString(extra)
	for _, m := range members {
		key := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(tm.keys[m.name].PublicKey())))
		fmt.Fprintf(&b, "[[member]]\nname = %q\nrole = %q\nkey = %q\n\n", m.name, m.role, key+" "+m.name+"@portable")
	}
	return b.String()
}

func (tm *team) writeSettings(members []member, extra string) {
	tm.t.Helper()
	tmp := tm.cfg + ".tmp"
	if err := os.WriteFile(tmp, []byte(tm.settingsText(members, extra)), 0o600); err != nil {
		tm.t.Fatal(err)
	}
	if err := os.Rename(tmp, tm.cfg); err != nil {
		tm.t.Fatal(err)
	}
}

// startTeam runs a server for members on a data file holding posts.
func startTeam(t testing.TB, members []member, posts []store.Post, tune func(*Options)) *team {
	t.Helper()
	dir := t.TempDir()
	tm := &team{t: t, dir: dir, cfg: filepath.Join(dir, "config.toml"), keys: map[string]gossh.Signer{}}
	for _, m := range members {
		tm.keys[m.name] = newSigner(t)
	}
	tm.writeSettings(members, "")
	load := func() (settings.Settings, error) {
		s, _, err := settings.Load(tm.cfg, settings.Words{})
		return s, err
	}
	conf, err := load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(dir, "data", "crieur.db"), store.Options{
		Hash: func(p store.Post) string { return sender.Seal(p, conf) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) > 0 {
		if _, err := st.Import(posts, store.RevImport); err != nil {
			t.Fatal(err)
		}
	}
	tm.st = st
	opts := Options{Listen: "127.0.0.1:0", Store: st, SettingsPath: tm.cfg, Settings: conf, LoadSettings: load}
	if tune != nil {
		tune(&opts)
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Listen(); err != nil {
		t.Fatal(err)
	}
	tm.srv, tm.addr = srv, srv.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	tm.cancel, tm.done = cancel, make(chan error, 1)
	go func() { tm.done <- srv.Serve(ctx) }()
	t.Cleanup(tm.stop)
	return tm
}

// stop stops the server, once.
func (tm *team) stop() {
	if tm.cancel == nil {
		return
	}
	tm.cancel()
	select {
	case err := <-tm.done:
		if err != nil {
			tm.t.Errorf("serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		tm.t.Error("the server did not stop")
	}
	tm.cancel = nil
	tm.st.Close()
}

// dial connects as a member, checking the host key's fingerprint as a
// member is told to.
func (tm *team) dial(signer gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", tm.addr, &gossh.ClientConfig{
		User: "desk",
		Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: func(_ string, _ net.Addr, key gossh.PublicKey) error {
			if got := gossh.FingerprintSHA256(key); got != tm.srv.Fingerprint() {
				return fmt.Errorf("host key %s, want %s", got, tm.srv.Fingerprint())
			}
			return nil
		},
		Timeout: 10 * time.Second,
	})
}

func (tm *team) client(name string) *gossh.Client {
	tm.t.Helper()
	c, err := tm.dial(tm.keys[name])
	if err != nil {
		tm.t.Fatalf("%s cannot connect: %v", name, err)
	}
	tm.t.Cleanup(func() { c.Close() })
	return c
}

// term is a member's desk in an 80x24 terminal.
type term struct {
	t      testing.TB
	who    string
	sess   *gossh.Session
	in     io.WriteCloser
	mu     sync.Mutex
	screen *vt.Emulator
	out    bytes.Buffer
	ended  chan error
}

// open opens the desk over c, in French unless env says otherwise.
func (tm *team) open(c *gossh.Client, who string, env ...string) *term {
	tm.t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		tm.t.Fatal(err)
	}
	if len(env) == 0 {
		env = []string{"LANG=fr_FR.UTF-8"}
	}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		if err := sess.Setenv(k, v); err != nil {
			tm.t.Fatal(err)
		}
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		tm.t.Fatal(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		tm.t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		tm.t.Fatal(err)
	}
	errOut, err := sess.StderrPipe()
	if err != nil {
		tm.t.Fatal(err)
	}
	tr := &term{t: tm.t, who: who, sess: sess, in: in, screen: vt.NewEmulator(80, 24), ended: make(chan error, 1)}
	if err := sess.Shell(); err != nil {
		tm.t.Fatal(err)
	}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := out.Read(buf)
			if n > 0 {
				tr.mu.Lock()
				tr.screen.Write(buf[:n])
				tr.out.Write(buf[:n])
				tr.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		buf := make([]byte, 4<<10)
		for {
			n, err := tr.screen.Read(buf)
			if n > 0 {
				in.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		// What the server says on stderr (one line before it closes a
		// session) is kept with the rest.
		data, _ := io.ReadAll(errOut)
		tr.mu.Lock()
		tr.out.Write(data)
		tr.mu.Unlock()
	}()
	go func() { tr.ended <- sess.Wait() }()
	tm.t.Cleanup(func() {
		sess.Close()
		if replies, ok := tr.screen.InputPipe().(io.Closer); ok {
			replies.Close()
		}
	})
	return tr
}

// Keys as a terminal sends them.
const (
	keyEnter = "\r"
	keyEsc   = "\x1b"
	keyCtrlS = "\x13"
	keyCtrlE = "\x05"
)

func (tr *term) press(keys ...string) {
	tr.t.Helper()
	for _, k := range keys {
		if _, err := io.WriteString(tr.in, k); err != nil {
			tr.t.Fatalf("%s types %q: %v", tr.who, k, err)
		}
		if k == keyEsc {
			time.Sleep(150 * time.Millisecond)
		}
	}
}

func (tr *term) text() string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.screen.String()
}

func (tr *term) written() string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.out.String()
}

// wait waits until the screen shows want.
func (tr *term) wait(want string) string {
	tr.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		screen := tr.text()
		if strings.Contains(screen, want) {
			return screen
		}
		if time.Now().After(deadline) {
			tr.t.Fatalf("%s's screen does not show %q:\n%s", tr.who, want, screen)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// waitEnd waits for the session to end and returns what it wrote last.
func (tr *term) waitEnd() string {
	tr.t.Helper()
	select {
	case <-tr.ended:
	case <-time.After(20 * time.Second):
		tr.t.Fatalf("%s's session is still open:\n%s", tr.who, tr.text())
	}
	time.Sleep(50 * time.Millisecond)
	return tr.written()
}

// waitGone waits until the screen no longer shows text.
func (tr *term) waitGone(text string) {
	tr.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for strings.Contains(tr.text(), text) {
		if time.Now().After(deadline) {
			tr.t.Fatalf("%s's screen still shows %q:\n%s", tr.who, text, tr.text())
		}
		time.Sleep(25 * time.Millisecond)
	}
}
