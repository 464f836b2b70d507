package serve

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	"charm.land/wish/v2/scp"
	"github.com/charmbracelet/colorprofile"
	gossh "golang.org/x/crypto/ssh"

	"crieur/settings"
	"crieur/ui"
)

// session is one member's desk, open.
type session struct {
	id      int
	name    string
	role    string
	lang    string
	sess    ssh.Session
	program *tea.Program
	mail    mailbox
	editing string       // the post its editor shows; under Server.mu
	lastKey atomic.Int64 // unix nanoseconds of the last key pressed
	// closing is what the session is told when the server ends it
	// (idleness, a member removed, the server stopping); nil while the
	// member ends it.
	closing atomic.Pointer[string]
	drop    atomic.Bool // close the whole connection too (a member removed)
}

// policy is what a connection may ask for at all: the desk, with a
// terminal, or scp's upload of a picture. Anything else (a command, a
// shell without a terminal, a download) gets one line and is closed.
func (s *Server) policy(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		m, ok := s.memberOf(sess)
		conf := s.confNow()
		t := s.text(conf, language(sess.Environ(), m, conf)).Team
		who, from := m.Name, sess.RemoteAddr().String()
		if !ok {
			s.log.printf("refused %s: no longer a member of the team", from)
			wish.Fatalln(sess, t.MsgRemoved+"\r")
			return
		}
		_, _, pty := sess.Pty()
		switch info := scp.GetInfo(sess.Command()); {
		case info.Ok && info.Op == scp.OpCopyFromClient:
			s.log.printf("%s from %s: scp upload", who, from)
			next(sess)
		case info.Ok:
			s.log.printf("refused %s from %s: scp download", who, from)
			wish.Fatalln(sess, t.NoDownload+"\r")
		case len(sess.Command()) > 0 || sess.Subsystem() != "":
			s.log.printf("refused %s from %s: command %q", who, from, sess.RawCommand())
			wish.Fatalln(sess, t.NoCommand+"\r")
		case !pty:
			s.log.printf("refused %s from %s: no terminal", who, from)
			wish.Fatalln(sess, t.NoTerminal+"\r")
		default:
			next(sess)
		}
	}
}

// program makes the desk of a session: its own program and model, on the
// shared store acting as the member. Nil (after one line) when the desk
// is full or the server is stopping.
func (s *Server) program(sess ssh.Session) *tea.Program {
	m, ok := s.memberOf(sess)
	conf := s.confNow()
	lang := language(sess.Environ(), m, conf)
	t := s.text(conf, lang).Team
	if !ok {
		wish.Fatalln(sess, t.MsgRemoved+"\r")
		return nil
	}
	se := &session{name: m.Name, role: m.Role, lang: lang, sess: sess}
	se.lastKey.Store(s.opts.Now().UnixNano())
	model := ui.NewSession(ui.Config{
		Store:    s.opts.Store.As(m.Name),
		Settings: conf,
		// An admin's session writes the channel chosen, as the desk does;
		// the server reads the file again and every session follows.
		SettingsPath: s.opts.SettingsPath,
		Lang:         lang,
		Now:          s.opts.Now,
		Cards:        s.opts.Cards,
		Dispatcher:   s.currentDispatcher(),
		WhatsApp:     s.opts.WhatsApp,
		Member:       &ui.Member{Name: m.Name, Role: m.Role, Inbox: s.inbox(m.Name)},
		Team:         link{s, se},
		Backlog:      s.backlog,
	})
	opts := bubbletea.MakeOptions(sess)
	if noColor(sess.Environ()) {
		opts = append(opts, tea.WithColorProfile(colorprofile.ASCII))
	}
	opts = append(opts, tea.WithFilter(s.filter(se)))
	se.program = tea.NewProgram(model, opts...)

	s.mu.Lock()
	if s.stopping || len(s.sessions) >= s.opts.MaxSessions {
		stopping := s.stopping
		s.mu.Unlock()
		line := fmt.Sprintf(t.Full, s.opts.MaxSessions)
		if stopping {
			line = t.Stopped
		}
		s.log.printf("refused %s from %s: %s", m.Name, sess.RemoteAddr(), line)
		wish.Fatalln(sess, line+"\r")
		return nil
	}
	s.next++
	se.id = s.next
	s.sessions[se.id] = se
	s.mu.Unlock()
	go se.mail.run(sess.Context(), se.program)
	s.log.printf("%s (%s) from %s: desk opened", m.Name, m.Role, sess.RemoteAddr())
	s.presenceChanged()
	return se.program
}

// noColor says whether the member's terminal asked for no colour.
func noColor(env []string) bool {
	for _, kv := range env {
		if len(kv) > len("NO_COLOR=") && kv[:len("NO_COLOR=")] == "NO_COLOR=" {
			return true
		}
	}
	return false
}

// filter notes the keys pressed (idleness), keeps the program from
// suspending (there is no shell to suspend to), and keeps what the editor
// holds when the server ends the session or the connection drops.
func (s *Server) filter(se *session) func(tea.Model, tea.Msg) tea.Msg {
	return func(model tea.Model, msg tea.Msg) tea.Msg {
		switch msg.(type) {
		case tea.KeyPressMsg:
			se.lastKey.Store(s.opts.Now().UnixNano())
		case tea.SuspendMsg:
			return tea.ResumeMsg{}
		case tea.QuitMsg:
			if crash := ui.Crashed(model); crash != nil {
				s.log.printf("%s: the desk stopped on an internal error (%s): %s", se.name, crash.Where, oneLine(crash.Value))
			}
			if err := ui.KeepWorking(model); err != nil {
				s.log.printf("%s: the working copy could not be kept: %s", se.name, oneLine(err.Error()))
			}
		}
		return msg
	}
}

// ended runs once a session is over, whatever ended it: the others hear
// of it, the member reads why the server ended it, and a removed
// member's connection is closed.
func (s *Server) ended(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		s.mu.Lock()
		var se *session
		for id, x := range s.sessions {
			if x.sess == sess {
				se = x
				delete(s.sessions, id)
			}
		}
		s.mu.Unlock()
		if se != nil {
			s.log.printf("%s from %s: desk closed", se.name, sess.RemoteAddr())
			s.presenceChanged()
			if why := se.closing.Load(); why != nil {
				wish.Println(sess, *why+"\r")
			}
			if se.drop.Load() {
				if conn, ok := sess.Context().Value(ssh.ContextKeyConn).(*gossh.ServerConn); ok {
					defer conn.Close()
				}
			}
		}
		next(sess)
	}
}

// close ends a session from the server's side, with why it ended.
func (s *Server) close(se *session, why string) {
	se.closing.Store(&why)
	if se.program != nil {
		se.program.Quit()
	}
}

// closeAll ends every session: the server is stopping.
func (s *Server) closeAll(why string) {
	s.mu.Lock()
	s.stopping = true
	open := make([]*session, 0, len(s.sessions))
	for _, se := range s.sessions {
		open = append(open, se)
	}
	s.mu.Unlock()
	for _, se := range open {
		s.close(se, why)
	}
	// The programs keep what was typed as they quit; give them the time.
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		n := len(s.sessions)
		s.mu.Unlock()
		if n == 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// idleLoop closes the sessions where no key was pressed for Idle.
func (s *Server) idleLoop(ctx context.Context) {
	every := min(s.opts.Idle/4, 30*time.Second)
	tick := time.NewTicker(max(every, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		now := s.opts.Now()
		s.mu.Lock()
		var idle []*session
		for _, se := range s.sessions {
			if now.Sub(time.Unix(0, se.lastKey.Load())) >= s.opts.Idle && se.closing.Load() == nil {
				idle = append(idle, se)
			}
		}
		s.mu.Unlock()
		for _, se := range idle {
			s.log.printf("%s: closed after %s without a key", se.name, s.opts.Idle)
			s.close(se, fmt.Sprintf(s.text(s.confNow(), se.lang).Team.Idle, s.opts.Idle))
		}
	}
}

// membersChanged applies the settings read again to the open sessions: a
// member no longer listed, or whose key changed, is disconnected; the
// others get their role and the settings.
func (s *Server) membersChanged(conf settings.Settings) {
	s.mu.Lock()
	open := make([]*session, 0, len(s.sessions))
	for _, se := range s.sessions {
		open = append(open, se)
	}
	s.mu.Unlock()
	for _, se := range open {
		m, ok := memberByKey(conf, se.sess.PublicKey())
		if !ok || m.Name != se.name {
			s.log.printf("%s: removed from the team, disconnected", se.name)
			se.drop.Store(true)
			s.close(se, s.text(conf, se.lang).Team.MsgRemoved)
			continue
		}
		se.mail.put(ui.MemberChanged{
			Member:   ui.Member{Name: m.Name, Role: m.Role, Inbox: s.inbox(m.Name)},
			Settings: conf,
		})
	}
}

// link is a session's way to the others.
type link struct {
	s  *Server
	se *session
}

// Publish passes what a session did on to the others; the post it edits
// changes who is shown editing what.
func (l link) Publish(msg tea.Msg) {
	switch msg := msg.(type) {
	case ui.Editing:
		l.s.mu.Lock()
		l.se.editing = msg.PostID
		l.s.mu.Unlock()
		l.s.presenceChanged()
	default:
		l.s.broadcastFrom(l.se, msg)
	}
}

// broadcast sends msg to every session.
func (s *Server) broadcast(msg tea.Msg) { s.broadcastFrom(nil, msg) }

// broadcastFrom sends msg to every session but from.
func (s *Server) broadcastFrom(from *session, msg tea.Msg) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, se := range s.sessions {
		if se != from {
			se.mail.put(msg)
		}
	}
}

func reloadMsg() tea.Msg { return ui.Reload{} }

// presenceChanged tells each session who else is connected and what they
// edit.
func (s *Server) presenceChanged() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, se := range s.sessions {
		p := ui.Presence{Editing: map[string]string{}}
		for _, o := range s.sessions {
			if o == se || o.name == se.name {
				continue
			}
			if !slices.Contains(p.Others, o.name) {
				p.Others = append(p.Others, o.name)
			}
			if o.editing != "" {
				p.Editing[o.editing] = o.name
			}
		}
		sort.Strings(p.Others)
		se.mail.put(p)
	}
}

// mailbox holds the messages for a session's program, so that no session
// waits for another's to take them.
type mailbox struct {
	mu    sync.Mutex
	queue []tea.Msg
	wake  chan struct{}
	once  sync.Once
}

func (mb *mailbox) init() { mb.once.Do(func() { mb.wake = make(chan struct{}, 1) }) }

func (mb *mailbox) put(msg tea.Msg) {
	mb.init()
	mb.mu.Lock()
	mb.queue = append(mb.queue, msg)
	mb.mu.Unlock()
	select {
	case mb.wake <- struct{}{}:
	default:
	}
}

// run hands the messages to the program until the session ends.
func (mb *mailbox) run(ctx context.Context, p *tea.Program) {
	mb.init()
	for {
		select {
		case <-ctx.Done():
			return
		case <-mb.wake:
		}
		mb.mu.Lock()
		queue := mb.queue
		mb.queue = nil
		mb.mu.Unlock()
		for _, msg := range queue {
			p.Send(msg)
		}
	}
}
