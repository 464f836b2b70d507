package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// teamDesk runs "crieur serve" on the desk's files, and waits until it
// listens. It is stopped as systemd stops it (SIGTERM) when the test ends.
type teamDesk struct {
	cmd       *exec.Cmd
	lines     chan string
	exited    chan error
	listening string // the line that says where it listens
}

func (d *desk) serve(t *testing.T) *teamDesk {
	t.Helper()
	cmd := exec.Command(binary, "--db", d.db, "--config", d.cfg, "--offline", "serve", "--listen", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "HOME="+d.dir, "XDG_DATA_HOME="+filepath.Join(d.dir, "xdg-data"),
		"XDG_CONFIG_HOME="+filepath.Join(d.dir, "xdg-config"), "LANG=C", "LC_ALL=", "LC_MESSAGES=")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	td := &teamDesk{cmd: cmd, lines: make(chan string, 16), exited: make(chan error, 1)}
	go func() {
		s := bufio.NewScanner(out)
		for s.Scan() {
			td.lines <- s.Text()
		}
		close(td.lines)
	}()
	go func() { td.exited <- cmd.Wait() }()
	t.Cleanup(func() { td.stop(t) })
	td.listening = td.expect(t, "127.0.0.1:")
	td.expect(t, "SHA256:")
	return td
}

func (td *teamDesk) expect(t *testing.T, want string) string {
	t.Helper()
	timeout := time.After(15 * time.Second)
	for {
		select {
		case line, ok := <-td.lines:
			if !ok {
				t.Fatalf("crieur serve ended before saying %q", want)
			}
			if strings.Contains(line, want) {
				return line
			}
		case <-timeout:
			t.Fatalf("crieur serve did not say %q", want)
		}
	}
}

func (td *teamDesk) stop(t *testing.T) {
	if td.cmd.ProcessState != nil {
		return
	}
	td.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-td.exited:
		if err != nil {
			t.Errorf("crieur serve stopped with %v", err)
		}
	case <-time.After(15 * time.Second):
		td.cmd.Process.Kill()
		t.Error("crieur serve did not stop on SIGTERM")
	}
}

func TestTheCommandLineGoesThroughTheTeamDesk(t *testing.T) {
	d := newDesk(t)
	d.ok(tricky, "import", "-")
	// A copy-and-paste send due now: the server's first run leaves its
	// text to paste, and a person says it went out.
	paste := d.queue("Piscine fermée", "manual")
	td := d.serve(t)

	// Reading commands answer from the file the server holds.
	list := d.ok("", "list")
	if !strings.Contains(list, "Alerte tempête") {
		t.Errorf("list while serving:\n%s", list)
	}
	if out := d.ok("", "export"); strings.Count(out, "\n") < 3 {
		t.Errorf("export while serving:\n%s", out)
	}
	// A change goes through too, and the next command sees it.
	d.ok(`{"title":"Fermeture de la mairie annexe","body":"Lundi 8.","status":"idea"}`+"\n", "import", "-")
	if list := d.ok("", "list", "--status", "idea"); !strings.Contains(list, "Fermeture de la mairie annexe") {
		t.Errorf("the import did not reach the file:\n%s", list)
	}
	// A backup is made by the server, where the command asks.
	backup := strings.TrimSpace(d.ok("", "backup", filepath.Join(d.dir, "copie.db")))
	if info, err := os.Stat(backup); err != nil || info.Size() == 0 {
		t.Errorf("backup while serving: %q %v", backup, err)
	}
	// A send settled from the command line, through the server.
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(d.ok("", "sends", "--open"), "paste") {
		if time.Now().After(deadline) {
			t.Fatalf("the server's run left no text to paste:\n%s", d.ok("", "sends"))
		}
		time.Sleep(100 * time.Millisecond)
	}
	d.ok("", "sends", "mark", paste[0], "went")
	if st := d.ok("", "sends", "--json"); !strings.Contains(st, `"state":"sent"`) {
		t.Errorf("sends mark through the server did not settle the send:\n%s", st)
	}
	// The due sends are the server's: send --due defers to it.
	if r := d.run("", "send", "--due"); r.code != 0 || !strings.Contains(r.stdout, "nothing sent from here") {
		t.Errorf("send --due while serving: %d %q %q", r.code, r.stdout, r.stderr)
	}
	// A command that needs the file to itself says so in one line.
	r := d.run("", "whatsapp", "status")
	if r.code == 0 || !strings.Contains(r.stderr, "must have the file to itself") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("whatsapp while serving: %d %q", r.code, r.stderr)
	}
	td.stop(t)
	td.expect(t, "Team desk stopped")
	if _, err := os.Stat(d.db + ".sock"); !os.IsNotExist(err) {
		t.Errorf("the socket outlived the server: %v", err)
	}
	// The file is free again.
	if list := d.ok("", "list"); !strings.Contains(list, "Fermeture de la mairie annexe") {
		t.Errorf("after the server:\n%s", list)
	}
}
