// Package serve is the team desk: the desk served over SSH to the members
// of the team the settings list, each known by their public key and
// acting with their role, from the one process that holds the data file.
// It runs the due sends and reads the stats once for everybody, passes
// what one session changes on to the others, and lets nothing of the
// server be reached: no password, no shell, no command, no forwarding, no
// subsystem; scp only to upload a picture into the member's own inbox.
//
// Each session is its own Bubble Tea program (wish's Bubble Tea
// middleware) on the shared store; the server keeps the programs and
// sends them the others' changes with Program.Send.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	"charm.land/wish/v2/scp"
	gossh "golang.org/x/crypto/ssh"

	"crieur/sender"
	"crieur/settings"
	"crieur/store"
	"crieur/ui"
	"crieur/ui/i18n"
)

// Defaults of the options left zero.
const (
	DefaultListen      = ":2222"
	DefaultIdle        = 30 * time.Minute
	DefaultMaxSessions = 20
	DefaultUploadLimit = 10 << 20  // one picture
	DefaultQuota       = 200 << 20 // a member's inbox
	dispatchEvery      = 30 * time.Second
	statsEvery         = 15 * time.Minute
	settingsEvery      = 2 * time.Second
	handshakeTimeout   = 30 * time.Second
	connsPerSession    = 4 // desks, uploads and handshakes under way
)

// Options are what the server needs from the program.
type Options struct {
	Listen string // the address to listen on; DefaultListen when empty
	// Store is the data file, open; the server lends it to each session
	// as the member (store.As).
	Store        *store.Store
	SettingsPath string
	Settings     settings.Settings
	// LoadSettings reads the settings file again when it changed.
	LoadSettings func() (settings.Settings, error)
	Now          func() time.Time
	// Idle closes a session when no key was pressed for that long.
	Idle time.Duration
	// MaxSessions is how many desks may be open at once.
	MaxSessions int
	// UploadLimit bounds one picture; Quota a member's inbox.
	UploadLimit, Quota int64
	// NewDispatcher makes the dispatcher of the due sends for the
	// settings; nil: the server does not send.
	NewDispatcher func(settings.Settings) (*sender.Dispatcher, error)
	// WhatsApp is the linked device, shared by the sessions; may be nil.
	WhatsApp sender.WhatsApp
	// Cards reads link cards; nil keeps the sessions offline.
	Cards *sender.CardReader
	// Out is where the server says what it does (the console).
	Out io.Writer
	// Backup makes the day's backup of the data file, each day it runs.
	Backup bool
	// Lang is the language of what the server says on Out.
	Lang string
}

// Server is the team desk.
type Server struct {
	opts        Options
	ssh         *ssh.Server
	listener    net.Listener
	fingerprint string
	log         *connLog

	mu         sync.Mutex
	conf       settings.Settings
	confStamp  string // what the settings file was when last read
	dispatcher *sender.Dispatcher
	sessions   map[int]*session
	next       int
	stopping   bool
	conns      atomic.Int64 // connections open, handshakes included
	// backlog is the backlog's index, read once and shared by every
	// session; the changes the sessions tell each other keep it current.
	backlog *ui.SharedBacklog
}

// New prepares the server: the host key (made on first start, 0600, in
// the data folder), the connection log, and the SSH server's rules.
func New(opts Options) (*Server, error) {
	if opts.Listen == "" {
		opts.Listen = DefaultListen
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Idle <= 0 {
		opts.Idle = DefaultIdle
	}
	if opts.MaxSessions <= 0 {
		opts.MaxSessions = DefaultMaxSessions
	}
	if opts.UploadLimit <= 0 {
		opts.UploadLimit = DefaultUploadLimit
	}
	if opts.Quota <= 0 {
		opts.Quota = DefaultQuota
	}
	if opts.Out == nil {
		opts.Out = io.Discard
	}
	if opts.LoadSettings == nil {
		return nil, errors.New("team desk: no way to read the settings")
	}
	s := &Server{opts: opts, conf: opts.Settings, sessions: map[int]*session{}, backlog: ui.NewSharedBacklog()}
	s.confStamp = stamp(opts.SettingsPath)
	if err := s.checkKeys(opts.Settings); err != nil {
		return nil, err
	}
	dir := filepath.Dir(opts.Store.Path())
	log, err := openLog(filepath.Join(dir, "team.log"), opts.Now)
	if err != nil {
		return nil, err
	}
	s.log = log
	if opts.NewDispatcher != nil {
		if s.dispatcher, err = opts.NewDispatcher(opts.Settings); err != nil {
			fmt.Fprintf(opts.Out, i18n.For(opts.Lang).Team.WillNotSend+"\n", err)
		}
	}
	keyPath := filepath.Join(dir, "team_host_ed25519")
	srv, err := wish.NewServer(
		wish.WithAddress(opts.Listen),
		wish.WithHostKeyPath(keyPath),
		// Public keys only: no password or keyboard-interactive handler
		// is installed, so neither is offered.
		wish.WithPublicKeyAuth(s.authorize),
		wish.WithIdleTimeout(opts.Idle+5*time.Minute),
		wish.WithMiddleware(
			s.ended, // innermost: after the desk, whatever ended it
			bubbletea.MiddlewareWithProgramHandler(s.program),
			scp.Middleware(nil, uploads{s}),
			s.policy, // outermost: what a session may ask for at all
		),
	)
	if err != nil {
		log.Close()
		return nil, fmt.Errorf("team desk: %w", err)
	}
	// No subsystem (sftp), no forwarding of ports: the library offers
	// none unless asked; these say so, whatever its defaults become.
	srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
	srv.LocalPortForwardingCallback = func(ssh.Context, string, uint32) bool { return false }
	srv.ReversePortForwardingCallback = func(ssh.Context, string, uint32) bool { return false }
	srv.RequestHandlers = map[string]ssh.RequestHandler{}
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": ssh.DefaultSessionHandler}
	// A connection must prove its key within the handshake's time, and
	// no more connections are open at once than a few per desk: a
	// stranger cannot hold the server's doors open.
	srv.HandshakeTimeout = handshakeTimeout
	srv.ConnCallback = func(_ ssh.Context, conn net.Conn) net.Conn {
		if s.conns.Add(1) > int64(connsPerSession*opts.MaxSessions) {
			s.conns.Add(-1)
			s.log.printf("refused %s: too many connections", conn.RemoteAddr())
			return nil
		}
		return conn
	}
	srv.ConnectionCloseCallback = func(net.Conn) { s.conns.Add(-1) }
	srv.ConnectionFailedCallback = func(conn net.Conn, err error) {
		s.log.printf("refused %s: %s", conn.RemoteAddr(), oneLine(err.Error()))
	}
	if err := os.Chmod(keyPath, 0o600); err != nil {
		log.Close()
		return nil, fmt.Errorf("team desk host key: %w", err)
	}
	if len(srv.HostSigners) == 0 {
		log.Close()
		return nil, errors.New("team desk: no host key")
	}
	s.fingerprint = gossh.FingerprintSHA256(srv.HostSigners[0].PublicKey())
	s.ssh = srv
	return s, nil
}

// Fingerprint is the host key's SHA-256 fingerprint, which members check
// on their first connection.
func (s *Server) Fingerprint() string { return s.fingerprint }

// Listen opens the server's address; Addr is then where it listens.
func (s *Server) Listen() error {
	l, err := net.Listen("tcp", s.opts.Listen)
	if err != nil {
		return fmt.Errorf("team desk: listen on %s: %w", s.opts.Listen, err)
	}
	s.listener = l
	return nil
}

// Addr is the address the server listens on, once Listen has run.
func (s *Server) Addr() net.Addr { return s.listener.Addr() }

// Serve runs the desk until ctx ends, then closes every session, keeping
// what each was typing, and returns.
func (s *Server) Serve(ctx context.Context) error {
	if s.listener == nil {
		if err := s.Listen(); err != nil {
			return err
		}
	}
	defer s.log.Close()
	loops, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, loop := range []func(context.Context){s.sendLoop, s.settingsLoop, s.idleLoop} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			loop(loops)
		}()
	}
	served := make(chan error, 1)
	go func() { served <- s.ssh.Serve(s.listener) }()
	var err error
	select {
	case <-ctx.Done():
	case err = <-served:
	}
	stop()
	s.closeAll(s.text(s.confNow(), "").Team.Stopped)
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if serr := s.ssh.Shutdown(shutdown); serr != nil {
		s.ssh.Close()
	}
	wg.Wait()
	if errors.Is(err, ssh.ErrServerClosed) {
		err = nil
	}
	return err
}

// Broadcast sends msg to every session: the commands run through the
// local socket changed the file.
func (s *Server) Broadcast(msg tea.Msg) { s.broadcast(msg) }

// confNow is the settings as last read.
func (s *Server) confNow() settings.Settings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conf
}

// authorize lets in a key of a member of the settings as they are now; the
// member's name goes with the connection.
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	m, ok := memberByKey(s.confNow(), key)
	if ok {
		ctx.SetValue(memberKey{}, m.Name)
	}
	return ok
}

type memberKey struct{}

// memberByKey finds the member whose key is key.
func memberByKey(conf settings.Settings, key ssh.PublicKey) (settings.Member, bool) {
	for _, m := range conf.Members {
		if m.Key == "" {
			continue
		}
		k, _, _, _, err := gossh.ParseAuthorizedKey([]byte(m.Key))
		if err == nil && ssh.KeysEqual(k, key) {
			return m, true
		}
	}
	return settings.Member{}, false
}

// memberOf is the member a session's connection was let in as, as the
// settings say now: a member removed, or whose key changed, since is
// nobody.
func (s *Server) memberOf(sess ssh.Session) (settings.Member, bool) {
	name, _ := sess.Context().Value(memberKey{}).(string)
	m, ok := memberByKey(s.confNow(), sess.PublicKey())
	if !ok || m.Name != name {
		return settings.Member{}, false
	}
	return m, true
}

// checkKeys refuses settings whose member keys cannot be read: a member
// would be locked out without knowing why.
func (s *Server) checkKeys(conf settings.Settings) error {
	for _, m := range conf.Members {
		if m.Key == "" {
			continue
		}
		if _, _, _, _, err := gossh.ParseAuthorizedKey([]byte(m.Key)); err != nil {
			return fmt.Errorf("%w: member %q: the key is not a public key (%s)", settings.ErrInvalid, m.Name, oneLine(err.Error()))
		}
	}
	return nil
}

// text is the catalogue of a session: the client's LANG when it sent one,
// else the member's language, else the desk's, else French.
func (s *Server) text(conf settings.Settings, lang string) *i18n.Text {
	return i18n.For(lang)
}

// language picks a session's language.
func language(env []string, m settings.Member, conf settings.Settings) string {
	get := func(name string) string {
		for _, kv := range env {
			if k, v, ok := strings.Cut(kv, "="); ok && k == name {
				return v
			}
		}
		return ""
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if val := get(v); val != "" && val != "C" && val != "POSIX" && !strings.HasPrefix(val, "C.") {
			return i18n.Detect("", get)
		}
	}
	for _, choice := range []string{m.Language, conf.Desk.Language} {
		if choice == "fr" || choice == "en" {
			return choice
		}
	}
	return "fr"
}

// sendLoop runs the due sends every dispatchEvery and reads the stats
// every statsEvery, once for every session, and tells the sessions when
// something changed.
func (s *Server) sendLoop(ctx context.Context) {
	tick := time.NewTicker(dispatchEvery)
	defer tick.Stop()
	lastStats, lastBackup := time.Time{}, ""
	for {
		if day := s.opts.Now().Format("2006-01-02"); s.opts.Backup && day != lastBackup {
			lastBackup = day
			if _, err := s.opts.Store.DailyBackup(); err != nil {
				s.log.printf("backup: %s", oneLine(err.Error()))
			}
		}
		s.runDue(ctx)
		if d := s.currentDispatcher(); d != nil && d.WhatsApp() != nil && time.Since(lastStats) >= statsEvery {
			lastStats = time.Now()
			stats, cancel := context.WithTimeout(ctx, time.Minute)
			if n, err := d.RefreshStats(stats); err == nil && n > 0 {
				s.broadcast(reloadMsg())
			}
			cancel()
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// runDue runs the due sends once; the dispatcher's runs (sender.Runs)
// keep a session's "send now" and the server's loop from overlapping.
func (s *Server) runDue(ctx context.Context) {
	d := s.currentDispatcher()
	if d == nil {
		return
	}
	report, err := d.RunDue(ctx)
	if err != nil {
		s.log.printf("sends: %s", oneLine(err.Error()))
		return
	}
	if len(report.Sends) > 0 || report.Recovered > 0 || report.Retargeted > 0 {
		s.broadcast(reloadMsg())
	}
}

// Sends says whether the server sends what is due: its destinations could
// be set up.
func (s *Server) Sends() bool { return s.currentDispatcher() != nil }

func (s *Server) currentDispatcher() *sender.Dispatcher {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dispatcher
}

// settingsLoop reads the settings again when the file changes: a removed
// member's sessions close, a changed role applies at once, and the sends
// follow the new destinations. A file that cannot be read keeps the
// settings as they were, and says so.
func (s *Server) settingsLoop(ctx context.Context) {
	tick := time.NewTicker(settingsEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		s.reread()
	}
}

// reread takes the settings file again if it changed since last read.
func (s *Server) reread() {
	now := stamp(s.opts.SettingsPath)
	s.mu.Lock()
	same := now == s.confStamp
	s.confStamp = now
	s.mu.Unlock()
	if same {
		return
	}
	conf, err := s.opts.LoadSettings()
	if err == nil {
		err = s.checkKeys(conf)
	}
	if err != nil {
		fmt.Fprintf(s.opts.Out, i18n.For(s.opts.Lang).Team.SettingsKept+"\n", err)
		s.log.printf("settings kept: %s", oneLine(err.Error()))
		return
	}
	var d *sender.Dispatcher
	if s.opts.NewDispatcher != nil {
		if d, err = s.opts.NewDispatcher(conf); err != nil {
			fmt.Fprintf(s.opts.Out, i18n.For(s.opts.Lang).Team.WillNotSend+"\n", err)
		}
	}
	s.mu.Lock()
	s.conf, s.dispatcher = conf, d
	s.mu.Unlock()
	s.log.printf("settings read again")
	s.membersChanged(conf)
}

// stamp is what tells one state of a file from the next: its size and
// its modification time.
func stamp(path string) string {
	info, err := os.Stat(path)
	if err != nil {
		return "missing"
	}
	return fmt.Sprintf("%d %d", info.Size(), info.ModTime().UnixNano())
}

// oneLine keeps an error on one line of the log.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
