package serve

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"crieur/settings"
	"crieur/store"
)

var (
	lea     = member{"Léa Martin", settings.RoleWriter}
	camille = member{"Camille Durand", settings.RoleValidator}
	sam     = member{"Sam Petit", settings.RoleAdmin}
)

// posts is the week the tests start from: the newest first in the
// backlog, the ready one last.
func posts() []store.Post {
	day := func(d int) time.Time { return time.Now().Add(time.Duration(-d) * 24 * time.Hour) }
	return []store.Post{
		{Title: "Collecte décalée", Body: "La collecte du jeudi passe au vendredi.", Link: "https://www.valbourg.fr/dechets",
			Category: "practical", Status: store.StatusReady, Created: day(3)},
		{Title: "Piscine fermée", Body: "Fermeture du 1er au 14 décembre.", Link: "https://www.valbourg.fr/piscine",
			Category: "service", Status: store.StatusDraft, Created: day(2)},
		{Title: "Marché de Noël", Body: "Place de la Mairie.", Link: "https://www.valbourg.fr/noel",
			Category: "event", Status: store.StatusIdea, Created: day(1)},
	}
}

func TestAMemberGetsTheDesk(t *testing.T) {
	tm := startTeam(t, []member{lea}, posts(), nil)
	desk := tm.open(tm.client(lea.name), lea.name)
	screen := desk.wait("Marché de Noël")
	for _, want := range []string{"crieur", "Ville de Valbourg", "Piscine fermée", "Collecte décalée"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the desk does not show %q:\n%s", want, screen)
		}
	}
	// The host key was made on first start, owner-only, beside the data.
	info, err := os.Stat(filepath.Join(tm.dir, "data", "team_host_ed25519"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("host key: %v %v", info, err)
	}
	if !strings.HasPrefix(tm.srv.Fingerprint(), "SHA256:") {
		t.Errorf("fingerprint %q", tm.srv.Fingerprint())
	}
	desk.press("q")
	desk.waitEnd()
	log := readLog(t, tm)
	if !strings.Contains(log, "Léa Martin (writer) from 127.0.0.1:") || !strings.Contains(log, "desk opened") {
		t.Errorf("the connection is not logged:\n%s", log)
	}
}

func readLog(t *testing.T, tm *team) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(tm.dir, "data", "team.log"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestAStrangersKeyAndPasswordsAreRefused(t *testing.T) {
	tm := startTeam(t, []member{lea}, nil, nil)
	if c, err := tm.dial(newSigner(t)); err == nil {
		c.Close()
		t.Fatal("a stranger's key was let in")
	}
	c, err := gossh.Dial("tcp", tm.addr, &gossh.ClientConfig{
		User: "desk", Auth: []gossh.AuthMethod{gossh.Password("valbourg"), gossh.KeyboardInteractive(
			func(string, string, []string, []bool) ([]string, error) { return []string{"valbourg"}, nil })},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second,
	})
	if err == nil {
		c.Close()
		t.Fatal("a password was let in")
	}
	if !strings.Contains(err.Error(), "[none]") && !strings.Contains(err.Error(), "no supported methods remain") {
		t.Errorf("refused with %v", err)
	}
}

func TestNothingRunsOnTheServer(t *testing.T) {
	tm := startTeam(t, []member{lea}, nil, nil)
	c := tm.client(lea.name)

	for _, cmd := range []string{"ls /", "sh -c id", "scp -f crieur.db"} {
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		sess.Stdout, sess.Stderr = &out, &out
		err = sess.Run(cmd)
		var exit *gossh.ExitError
		if !errors.As(err, &exit) || exit.ExitStatus() == 0 {
			t.Errorf("%q: %v", cmd, err)
		}
		if !strings.Contains(out.String(), "crieur") || strings.Contains(out.String(), "root") {
			t.Errorf("%q answered %q", cmd, out.String())
		}
	}

	// A shell without a terminal gets one line and is closed.
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.CombinedOutput("")
	if err == nil || !strings.Contains(string(out), "terminal") || strings.Count(strings.TrimSpace(string(out)), "\n") > 0 {
		t.Errorf("a session without a terminal: %v %q", err, out)
	}

	// No subsystem (sftp), no forwarding either way.
	sess, err = c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was granted")
	}
	if conn, err := c.Dial("tcp", tm.addr); err == nil {
		conn.Close()
		t.Error("a local port forward was granted")
	}
	if l, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		l.Close()
		t.Error("a remote port forward was granted")
	}
}

func TestASessionSpeaksTheLanguageOfItsTerminal(t *testing.T) {
	conf := settings.Default()
	member := settings.Member{Name: "Léa", Role: settings.RoleWriter}
	tests := []struct {
		env        []string
		member     string
		desk, want string
	}{
		{[]string{"LANG=fr_FR.UTF-8"}, "en", "en", "fr"},
		{[]string{"LANG=en_GB.UTF-8"}, "fr", "fr", "en"},
		{[]string{"LANG=C.UTF-8"}, "en", "fr", "en"}, // a terminal that says nothing: the member's
		{nil, "", "en", "en"},                        // else the desk's
		{nil, "", "", "fr"},                          // else French
	}
	for _, tt := range tests {
		member.Language, conf.Desk.Language = tt.member, tt.desk
		if got := language(tt.env, member, conf); got != tt.want {
			t.Errorf("language(%v, member %q, desk %q) = %s, want %s", tt.env, tt.member, tt.desk, got, tt.want)
		}
	}
}

func TestAStrangerCannotHoldTheDoorsOpen(t *testing.T) {
	tm := startTeam(t, []member{lea}, nil, func(o *Options) { o.MaxSessions = 1 })
	var open []net.Conn
	defer func() {
		for _, c := range open {
			c.Close()
		}
	}()
	// Connections that never finish their handshake take a door each.
	for range connsPerSession {
		c, err := net.Dial("tcp", tm.addr)
		if err != nil {
			t.Fatal(err)
		}
		open = append(open, c)
	}
	time.Sleep(100 * time.Millisecond)
	if c, err := tm.dial(tm.keys[lea.name]); err == nil {
		c.Close()
		t.Fatal("a member got in past the connections' limit")
	}
	// Once they go, the member gets in.
	for _, c := range open {
		c.Close()
	}
	open = nil
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := tm.dial(tm.keys[lea.name])
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the member is still refused: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(readLog(t, tm), "too many connections") {
		t.Error("the refusal is not logged")
	}
}
