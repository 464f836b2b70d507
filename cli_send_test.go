package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"crieur/sender"
	"crieur/settings"
	"crieur/store"
	"crieur/ui/i18n"
)

const testBotToken = "7712345678:AAH-fake_token-for-cli-tests"

// fakeDestination is an httptest server that counts the requests it
// received and answers each with answer.
type fakeDestination struct {
	*httptest.Server
	count atomic.Int32
}

func newFakeDestination(t *testing.T, answer http.HandlerFunc) *fakeDestination {
	t.Helper()
	f := &fakeDestination{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.count.Add(1)
		answer(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

// destinations writes the desk's settings with these [[destination]]
// tables, and its secrets file.
func (d *desk) destinations(tables string) {
	d.t.Helper()
	if err := os.MkdirAll(filepath.Dir(d.cfg), 0o700); err != nil {
		d.t.Fatal(err)
	}
	if err := os.WriteFile(d.cfg, []byte(tables), 0o600); err != nil {
		d.t.Fatal(err)
	}
	secrets := "CRIEUR_WEBHOOK_SECRET=shared-with-the-hook\nCRIEUR_TELEGRAM_TOKEN=" + testBotToken + "\n"
	if err := os.WriteFile(filepath.Join(filepath.Dir(d.cfg), "secrets.env"), []byte(secrets), 0o600); err != nil {
		d.t.Fatal(err)
	}
}

// queue validates a post and queues it, due now, for dests, as the week
// screen does; it returns the ids of the sends.
func (d *desk) queue(title string, dests ...string) []string {
	d.t.Helper()
	settings, _, err := settings.Load(d.cfg, englishSettings)
	if err != nil {
		d.t.Fatal(err)
	}
	st, err := store.Open(d.db, store.Options{Hash: func(p store.Post) string { return sender.Seal(p, settings) }})
	if err != nil {
		d.t.Fatal(err)
	}
	defer st.Close()
	p, err := st.SavePost(store.Post{Title: title, Body: "*" + title + "* : fermée du 1er au 14", Link: "https://www.valbourg.fr/piscine", Category: "service", Status: store.StatusReady})
	if err != nil {
		d.t.Fatal(err)
	}
	if p, err = st.Validate(p.ID, p.Rev, "Camille"); err != nil {
		d.t.Fatal(err)
	}
	sends, err := st.Queue(p.ID, dests, time.Now(), false, "")
	if err != nil {
		d.t.Fatal(err)
	}
	var ids []string
	for _, s := range sends {
		ids = append(ids, s.ID)
	}
	return ids
}

// sendState reads a send from the data file.
func (d *desk) sendState(id string) store.SendState {
	d.t.Helper()
	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		d.t.Fatal(err)
	}
	defer st.Close()
	snd, err := st.Send(id)
	if err != nil {
		d.t.Fatal(err)
	}
	return snd.State
}

func hookTable(url string) string {
	return fmt.Sprintf("[[destination]]\nname = \"hook\"\nkind = \"webhook\"\nurl = %q\n", url)
}

func TestSendDue(t *testing.T) {
	hook := newFakeDestination(t, func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, `{"id":"h-1"}`) })
	tg := newFakeDestination(t, func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/bot"+testBotToken+"/") {
			http.Error(w, `{"ok":false}`, http.StatusNotFound)
			return
		}
		fmt.Fprint(w, `{"ok":true,"result":{"message_id":77}}`)
	})
	d := newDesk(t)
	d.destinations(hookTable(hook.URL+"/crieur") +
		fmt.Sprintf("[[destination]]\nname = \"canal\"\nkind = \"telegram\"\nchat_id = \"@valbourg\"\napi_base = %q\n", tg.URL))
	ids := d.queue("Piscine fermée", "hook", "canal")

	out := d.ok("", "send", "--due")
	for _, want := range []string{"sent        Piscine fermée -> hook (message h-1)\n", "sent        Piscine fermée -> canal (message 77)\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, testBotToken) {
		t.Error("the token reached the output")
	}
	for _, id := range ids {
		if got := d.sendState(id); got != store.SendSent {
			t.Errorf("send %s is %s", id, got)
		}
	}
	if out := d.ok("", "send", "--due"); out != "nothing is due\n" {
		t.Errorf("second run printed %q", out)
	}
	if hook.count.Load() != 1 || tg.count.Load() != 1 {
		t.Errorf("the hook received %d requests, Telegram %d", hook.count.Load(), tg.count.Load())
	}

	if r := d.run("", "send"); r.code != 2 {
		t.Errorf("send without --due: exit %d", r.code)
	}
}

func TestSendDueDryRun(t *testing.T) {
	hook := newFakeDestination(t, func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, `{}`) })
	d := newDesk(t)
	d.destinations(hookTable(hook.URL))
	ids := d.queue("Marché de Noël", "hook")

	out := d.ok("", "send", "--due", "--dry-run")
	if out != "due         Marché de Noël -> hook\n" {
		t.Errorf("dry run printed %q", out)
	}
	if n := hook.count.Load(); n != 0 {
		t.Errorf("the hook received %d requests", n)
	}
	if got := d.sendState(ids[0]); got != store.SendQueued {
		t.Errorf("send is %s after a dry run", got)
	}
}

func TestSendDueWhileTheDeskIsOpen(t *testing.T) {
	hook := newFakeDestination(t, func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, `{}`) })
	d := newDesk(t)
	d.destinations(hookTable(hook.URL))
	d.queue("Piscine", "hook")
	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	r := d.run("", "send", "--due")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if want := "the desk has " + d.db + " open: nothing sent now; the next run will send what is due\n"; r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
	if n := hook.count.Load(); n != 0 {
		t.Errorf("the hook received %d requests", n)
	}
}

// A crieur killed while the destination holds its request leaves a send
// that may have gone out: the next run reports it unknown and never sends
// it again.
func TestSendDueKilledMidSend(t *testing.T) {
	received := make(chan struct{}, 1)
	release := make(chan struct{})
	hook := newFakeDestination(t, func(w http.ResponseWriter, r *http.Request) {
		received <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	t.Cleanup(func() { close(release) }) // before the server closes
	d := newDesk(t)
	d.destinations(hookTable(hook.URL))
	ids := d.queue("Alerte tempête", "hook")

	cmd := exec.Command(binary, "--db", d.db, "--config", d.cfg, "send", "--due")
	cmd.Env = append(os.Environ(), "HOME="+d.dir, "XDG_DATA_HOME="+filepath.Join(d.dir, "xdg-data"),
		"XDG_CONFIG_HOME="+filepath.Join(d.dir, "xdg-config"), "LANG=C", "LC_ALL=", "LC_MESSAGES=")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-received:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the hook never received the send:\n%s", out.String())
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if got := d.sendState(ids[0]); got != store.SendSending {
		t.Fatalf("after the kill the send is %s, want sending", got)
	}

	r := d.run("", "send", "--due")
	if r.code != 1 {
		t.Errorf("restart: exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"1 send was cut short by a crash", "unknown     Alerte tempête -> hook: crieur stopped before the outcome was known; check the channel"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("restart output lacks %q:\n%s", want, r.stdout)
		}
	}
	oneLine(t, r.stderr)
	if got := d.sendState(ids[0]); got != store.SendUnknown {
		t.Errorf("send is %s, want unknown", got)
	}
	if n := hook.count.Load(); n != 1 {
		t.Errorf("the hook received %d requests, want exactly 1", n)
	}
}

// closedAddress is an http address where nothing listens: a connection is
// refused, and nothing leaves the machine.
func closedAddress(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := "http://" + l.Addr().String()
	l.Close()
	return addr
}

// A destination renamed in the settings while a send to it waits for the
// network: the next run sends it to the destination of the new name, and
// cron is told so, with exit status 0. A post that went out to a
// destination no longer listed keeps its other sends for a person, and
// cron says what to do, with exit status 1.
func TestSendDueAfterARename(t *testing.T) {
	hook := newFakeDestination(t, func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, `{"id":"h-1"}`) })
	down := closedAddress(t)
	d := newDesk(t)
	d.destinations(hookTable(down))
	ids := d.queue("Piscine fermée", "hook")
	if out := d.ok("", "send", "--due"); !strings.Contains(out, "waiting     Piscine fermée -> hook") {
		t.Fatalf("with the hook down:\n%s", out)
	}

	d.destinations(strings.Replace(hookTable(hook.URL), `"hook"`, `"hook-2"`, 1))
	out := d.ok("", "send", "--due")
	for _, want := range []string{"1 planned post is now going to the destinations of the settings\n", "sent        Piscine fermée -> hook-2 (message h-1)\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("after the rename the run lacks %q:\n%s", want, out)
		}
	}
	if got := d.sendState(ids[0]); got != store.SendCancelled {
		t.Errorf("the send to the old name is %s", got)
	}
	if out := d.ok("", "send", "--due"); out != "nothing is due\n" {
		t.Errorf("the next run printed %q", out)
	}

	// Half sent, then both destinations renamed: an orphan.
	d.destinations(strings.Replace(hookTable(hook.URL), `"hook"`, `"a"`, 1) + strings.Replace(hookTable(down), `"hook"`, `"b"`, 1))
	d.queue("Marché de Noël", "a", "b")
	if r := d.run("", "send", "--due"); r.code != 0 || !strings.Contains(r.stdout, "waiting     Marché de Noël -> b") {
		t.Fatalf("half sent: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	d.destinations(strings.Replace(hookTable(hook.URL), `"hook"`, `"a-2"`, 1) + strings.Replace(hookTable(hook.URL), `"hook"`, `"b-2"`, 1))
	r := d.run("", "send", "--due")
	if r.code != 1 || !strings.Contains(r.stdout, "orphaned    Marché de Noël -> b: b is no longer in the settings; on the desk's week, S sends the post") {
		t.Errorf("an orphan: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if n := hook.count.Load(); n != 2 {
		t.Errorf("the hook received %d requests, want 2 (one a post)", n)
	}
}

// A webhook behind a certificate this machine does not trust: cron is
// told on the first run, with exit status 1, and nothing waits for ever.
func TestSendDueCertificateNotTrusted(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		t.Error("a request went through a certificate not trusted")
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	defer srv.Close()
	d := newDesk(t)
	d.destinations(hookTable(srv.URL + "/crieur"))
	ids := d.queue("Piscine fermée", "hook")
	r := d.run("", "send", "--due")
	if r.code != 1 || !strings.Contains(r.stdout, "failed      Piscine fermée -> hook: ") ||
		!strings.Contains(r.stdout, i18n.For("en").SendErrors.Codes["tls_untrusted"]) {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got := d.sendState(ids[0]); got != store.SendFailed {
		t.Errorf("the send is %s, want failed", got)
	}
}

// A desk that holds the data file sends what is due itself, and send
// --due leaves it to the desk. Stopped (SIGSTOP: a laptop's lid, a hung
// process), the desk no longer sends: after HeartbeatStale without a run,
// send --due says so, with exit status 1, instead of deferring to it for
// ever.
func TestSendDueWithAStoppedDesk(t *testing.T) {
	skipIfShort(t)
	hook := newFakeDestination(t, func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, `{}`) })
	d := newDesk(t)
	d.destinations(hookTable(hook.URL))
	d.queue("Piscine fermée", "hook")
	term := openDesk(t, d)
	term.waitScreen(backlogColumns, screenTimeout)
	heartbeat := sender.HeartbeatFor(d.db, nil)
	var beat sender.Beat
	deadline := time.Now().Add(screenTimeout)
	for {
		var err error
		if beat, err = heartbeat.Read(); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the open desk wrote no heartbeat: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if beat.PID != term.cmd.Process.Pid || !beat.Sends {
		t.Fatalf("heartbeat %+v, desk process %d", beat, term.cmd.Process.Pid)
	}
	r := d.run("", "send", "--due")
	if r.code != 0 || !strings.Contains(r.stdout, "the desk has "+d.db+" open and sends what is due itself") {
		t.Fatalf("with the desk running: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// Stopped, it beats no more; the minutes that pass are written into
	// its last beat, as the clock would make them.
	if err := term.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	defer term.cmd.Process.Signal(syscall.SIGCONT)
	beat.At = beat.At.Add(-sender.HeartbeatStale - time.Minute)
	data, err := json.Marshal(beat)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(heartbeat.Path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	r = d.run("", "send", "--due")
	if r.code != 1 || !strings.Contains(r.stderr, fmt.Sprintf("the desk (process %d) has %s open but has not run its sends since", beat.PID, d.db)) ||
		!strings.Contains(r.stderr, "it may be stopped or hung") {
		t.Errorf("with the desk stopped: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	oneLine(t, r.stderr)
	if n := hook.count.Load(); n != 0 {
		t.Errorf("the hook received %d requests while the desk held the file", n)
	}

	// Going on, then closed, it leaves no heartbeat behind.
	if err := term.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	term.press("q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Fatalf("q: exit %d", code)
	}
	if _, err := heartbeat.Read(); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the closed desk left its heartbeat: %v", err)
	}
}

// What send --due reads in a heartbeat while the file is held: a desk
// that cannot send is a problem; the beat of a process gone is ignored.
func TestSendDueReadsTheHeartbeat(t *testing.T) {
	d := newDesk(t)
	d.destinations(hookTable("http://127.0.0.1:1/hook"))
	d.queue("Piscine", "hook")
	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	write := func(b sender.Beat) {
		t.Helper()
		data, _ := json.Marshal(b)
		if err := os.WriteFile(sender.HeartbeatFor(d.db, nil).Path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(sender.Beat{PID: os.Getpid(), At: time.Now(), Sends: false})
	if r := d.run("", "send", "--due"); r.code != 1 || !strings.Contains(r.stderr, "open but does not send") {
		t.Errorf("a desk that cannot send: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	write(sender.Beat{PID: gone.Process.Pid, At: time.Now().Add(-time.Hour), Sends: true})
	if r := d.run("", "send", "--due"); r.code != 0 || !strings.Contains(r.stdout, "nothing sent now; the next run will send") {
		t.Errorf("the beat of a process gone: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
