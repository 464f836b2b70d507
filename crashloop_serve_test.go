package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// The crash loop's team desk cycle: `crieur serve` holds the file and runs
// the due sends (the webhook holding each delivery), while a member writes
// and saves a post in a session over SSH; the server is killed at a random
// instant, during the sends or the session.

// serveEvery makes every serveEvery-th cycle a team desk cycle.
const serveEvery = 12

// crashMember is the member the crash loop's sessions connect as.
const crashMember = "Camille Durand"

// memberTable is the settings' [[member]] with the run's key.
func (cl *crashLoop) memberTable() string {
	if cl.signer == nil {
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			cl.t.Fatal(err)
		}
		if cl.signer, err = gossh.NewSignerFromKey(priv); err != nil {
			cl.t.Fatal(err)
		}
	}
	key := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(cl.signer.PublicKey())))
	return fmt.Sprintf("\n[[member]]\nname = %q\nrole = \"validator\"\nkey = %q\n", crashMember, key)
}

var listening = regexp.MustCompile(`127\.0\.0\.1:(\d+)`)

// serveCycle starts the team desk, writes and saves a post in a member's
// session, then stops the server as systemd does, unless the kill came
// first.
func (cl *crashLoop) serveCycle(t *testing.T, d *desk, i int, holds []time.Duration, k *killer, killAt time.Duration) {
	cl.teamCycles++
	cl.hook.setHolds(holds)
	cmd := exec.Command(binary, "--db", d.db, "--config", d.cfg, "serve", "--listen", "127.0.0.1:0")
	cmd.Env = deskEnv(d)
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start crieur serve: %v", err)
	}
	k.arm(cmd.Process, killAt)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		k.disarm()
		if k.done() {
			<-exited
		}
	}()
	addr := ""
	deadline := time.Now().Add(screenTimeout)
	for addr == "" {
		if m := listening.FindString(out.String()); m != "" {
			addr = m
			break
		}
		select {
		case err := <-exited:
			exited <- err
			if k.done() {
				return
			}
			t.Fatalf("crieur serve ended (%v) before listening:\n%s", err, out.String())
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("crieur serve does not listen:\n%s", out.String())
		}
	}

	tag := fmt.Sprintf("s%05d", i)
	post := &ackedPost{title: "Team post " + tag, link: "https://www.valbourg.fr/crash/" + tag, bodies: map[uint64]string{}}
	body := fmt.Sprintf("Team post %s: the library opens on Sundays.", tag)
	if s := dialSession(t, addr, cl.signer, "en_US.UTF-8", k); s != nil {
		defer s.close()
		see := func(want string) bool { return s.see(t, k, want) }
		if see(backlogColumns) {
			s.press("n")
			if see(editorLabel) {
				s.press(post.title, keyTab, "\x1b[C", keyTab, post.link, keyTab, keyTab, keyTab, body)
				if see(body[len(body)-12:]) {
					s.press(keySave)
					if see("rev. 1 · saved") {
						k.before(func() {
							post.bodies[1] = body
							cl.saves = append(cl.saves, post)
							cl.teamSaves++
						})
					}
				}
			}
		}
	}
	if k.done() {
		return
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		k.disarm()
		if !k.done() && err != nil {
			t.Fatalf("crieur serve stopped with %v:\n%s", err, out.String())
		}
		exited <- err
	case <-time.After(exitTimeout):
		t.Fatalf("crieur serve still runs %v after SIGTERM", exitTimeout)
	}
}

// lockedBuffer is a program's output, read while it is written.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// memberSession is a member's desk over SSH, in English, 80x24.
type memberSession struct {
	client *gossh.Client
	sess   *gossh.Session
	in     io.Writer
	mu     sync.Mutex
	screen *vt.Emulator
	ended  chan struct{}
}

// dialSession connects to the team desk with a member's key, in a
// terminal whose LANG is lang; nil when the server was killed first.
func dialSession(t *testing.T, addr string, signer gossh.Signer, lang string, k *killer) *memberSession {
	t.Helper()
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "desk", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
	})
	if err != nil {
		if k.done() {
			return nil
		}
		t.Fatalf("connect to the team desk: %v", err)
	}
	fail := func(err error) *memberSession {
		client.Close()
		if k.done() {
			return nil
		}
		t.Fatalf("open a session: %v", err)
		return nil
	}
	sess, err := client.NewSession()
	if err != nil {
		return fail(err)
	}
	sess.Setenv("LANG", lang)
	if err := sess.RequestPty("xterm-256color", termHeight, termWidth, gossh.TerminalModes{}); err != nil {
		return fail(err)
	}
	in, _ := sess.StdinPipe()
	out, _ := sess.StdoutPipe()
	if err := sess.Shell(); err != nil {
		return fail(err)
	}
	s := &memberSession{client: client, sess: sess, in: in, screen: vt.NewEmulator(termWidth, termHeight), ended: make(chan struct{})}
	go func() {
		defer close(s.ended)
		buf := make([]byte, 32<<10)
		for {
			n, err := out.Read(buf)
			if n > 0 {
				s.mu.Lock()
				s.screen.Write(buf[:n])
				s.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		buf := make([]byte, 4<<10)
		for {
			n, err := s.screen.Read(buf)
			if n > 0 {
				in.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	return s
}

func (s *memberSession) press(keys ...string) {
	for _, key := range keys {
		io.WriteString(s.in, key)
	}
}

// see waits for the screen to show want; false once the server is killed
// or the session ended.
func (s *memberSession) see(t *testing.T, k *killer, want string) bool {
	t.Helper()
	deadline := time.Now().Add(screenTimeout)
	for {
		if k.done() {
			return false
		}
		s.mu.Lock()
		screen := s.screen.String()
		s.mu.Unlock()
		if strings.Contains(screen, want) {
			return !k.done()
		}
		select {
		case <-s.ended:
			if k.done() {
				return false
			}
			t.Fatalf("the session ended before the screen showed %q; the screen:\n%s", want, framed(screen))
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v the session does not show %q; the screen:\n%s", screenTimeout, want, framed(screen))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (s *memberSession) close() {
	s.sess.Close()
	s.client.Close()
	if replies, ok := s.screen.InputPipe().(io.Closer); ok {
		replies.Close()
	}
}
