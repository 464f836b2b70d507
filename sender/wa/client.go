// Package wa is crieur's WhatsApp linked device: sender.WhatsApp over
// go.mau.fi/whatsmeow, the way WhatsApp Web is a device of a phone's
// account.
//
// The session (the device's keys) lives in its own SQLite file,
// <dir>/session.db, through whatsmeow's sqlstore on the pure-Go
// modernc.org/sqlite driver, so crieur still builds without cgo. The
// directory is created 0700 and the file 0600 before SQLite opens it.
// Nothing is read or created until the client is used: Open only
// remembers the directory, and State says WANotLinked without touching
// anything when there is no session file.
//
// whatsmeow's logs, and those of the Signal library under it, go to
// <dir>/whatsmeow.log (warnings and errors): the desk owns the terminal.
//
// Everything here needs WhatsApp's servers except what is pure: the
// mapping of whatsmeow's errors, invite links, phone numbers, the files
// and their modes, the lazy opening. Those are tested; the rest is kept
// thin, and the README says how to check it by hand.
package wa

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/store/sqlstore"
	"go.mau.fi/whatsmeow/types/events"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go

	"crieur/sender"
)

// Files in the session directory.
const (
	sessionFile   = "session.db"
	logFile       = "whatsmeow.log"
	lockFile      = "session.lock"
	loggedOutFile = "logged-out" // the phone removed this device: say so until linked again
)

// How long the client waits for a connection before a request: a request
// that cannot wait is "not connected", and nothing has left.
const (
	connectWait    = 15 * time.Second
	minConnectWait = 2 * time.Second
)

// deviceName is how the phone lists this desk under "Linked devices".
const deviceName = "crieur"

// SessionDir is the session directory beside the desk's data file.
func SessionDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "whatsapp")
}

// Client is the desk as a linked device. Use Open; the zero value is not
// usable.
type Client struct {
	dir string

	// open is held while the session is being opened, so that two
	// callers do not open it twice; mu guards the fields below and is
	// never held across I/O.
	open sync.Mutex
	mu   sync.Mutex

	container *sqlstore.Container
	wm        *whatsmeow.Client
	handler   uint32
	lock      *os.File
	log       *fileLog
	state     sender.WAState
	starting  bool
	problem   error // why the connection is down, when WhatsApp said
}

var _ sender.WhatsApp = (*Client)(nil)

// Open is the linked device whose session lives in dir. It does no I/O.
func Open(dir string) *Client {
	return &Client{dir: dir, state: sender.WANotLinked}
}

// Dir is the session directory.
func (c *Client) Dir() string { return c.dir }

func (c *Client) path(name string) string { return filepath.Join(c.dir, name) }

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// State implements sender.WhatsApp. The first call on a linked session
// starts connecting in the background; the connection then keeps itself
// up (whatsmeow reconnects by itself).
func (c *Client) State() sender.WAState {
	if exists(c.path(loggedOutFile)) {
		return sender.WALoggedOut
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.wm != nil {
		return c.state
	}
	if !exists(c.path(sessionFile)) {
		return sender.WANotLinked
	}
	if !c.starting {
		c.starting = true
		go c.start()
	}
	return sender.WAConnecting
}

// start opens the session and connects, in the background.
func (c *Client) start() {
	ctx, cancel := context.WithTimeout(context.Background(), connectWait)
	defer cancel()
	err := c.connect(ctx)
	c.mu.Lock()
	c.starting = false
	if err != nil && c.problem == nil {
		c.problem = err
	}
	c.mu.Unlock()
}

// Problem is why the connection is down when WhatsApp or the session
// said so (another session took over, a temporary ban, an outdated
// version, the session in use by another crieur), nil otherwise.
func (c *Client) Problem() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.problem
}

// Account implements sender.WhatsApp: the number and the name of the
// account, once the session is open ("" before, and when not linked).
func (c *Client) Account() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.wm == nil || c.wm.Store == nil || c.wm.Store.ID == nil {
		return ""
	}
	return account(c.wm.Store.ID.User, c.wm.Store.PushName)
}

// account is "+33612345678 (Mairie)".
func account(number, name string) string {
	out := "+" + number
	if name = strings.TrimSpace(name); name != "" {
		out += " (" + name + ")"
	}
	return out
}

// Connect opens the session and waits until the device is connected and
// logged in, or ctx is done. `crieur whatsapp status` uses it to tell.
func (c *Client) Connect(ctx context.Context) error {
	return c.connect(ctx)
}

// Close disconnects and lets go of the session, for another crieur.
func (c *Client) Close() error {
	c.mu.Lock()
	wm, handler, container, lock, log := c.wm, c.handler, c.container, c.lock, c.log
	c.wm, c.container, c.lock, c.log, c.state = nil, nil, nil, nil, sender.WANotLinked
	c.mu.Unlock()
	var errs []error
	detach(wm, handler)
	if container != nil {
		errs = append(errs, container.Close())
	}
	if lock != nil {
		errs = append(errs, unlockFile(lock), lock.Close())
	}
	if log != nil {
		errs = append(errs, log.Close())
	}
	return errors.Join(errs...)
}

// ensure opens the session, creating its directory and file with the
// owner's modes first. It takes the session's lock: a second crieur on
// the same session would make WhatsApp drop the first one's connection.
func (c *Client) ensure(ctx context.Context) error {
	c.open.Lock()
	defer c.open.Unlock()
	c.mu.Lock()
	ready := c.wm != nil
	c.mu.Unlock()
	if ready {
		return nil
	}
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return fmt.Errorf("create the WhatsApp session folder: %w", err)
	}
	if err := os.Chmod(c.dir, 0o700); err != nil {
		return fmt.Errorf("WhatsApp session folder: %w", err)
	}
	lock, err := os.OpenFile(c.path(lockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("WhatsApp session lock: %w", err)
	}
	if err := lockFileNow(lock); err != nil {
		lock.Close()
		return fmt.Errorf("%w: the WhatsApp session is in use by another crieur", sender.ErrNotConnected)
	}
	fail := func(err error) error {
		unlockFile(lock)
		lock.Close()
		return err
	}
	f, err := os.OpenFile(c.path(sessionFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fail(fmt.Errorf("create the WhatsApp session: %w", err))
	}
	f.Close()
	if err := os.Chmod(c.path(sessionFile), 0o600); err != nil {
		return fail(fmt.Errorf("WhatsApp session: %w", err))
	}
	log := openLog(c.path(logFile))
	setSignalLog(log)
	setDeviceName()
	container, err := sqlstore.New(ctx, "sqlite", dsn(c.path(sessionFile)), log.Sub("Database"))
	if err != nil {
		log.Close()
		return fail(fmt.Errorf("open the WhatsApp session %s: %w", c.path(sessionFile), err))
	}
	device, err := container.GetFirstDevice(ctx)
	if err != nil {
		container.Close()
		log.Close()
		return fail(fmt.Errorf("read the WhatsApp session: %w", err))
	}
	c.mu.Lock()
	c.container, c.lock, c.log = container, lock, log
	old, handler := c.attach(device)
	c.mu.Unlock()
	detach(old, handler)
	return nil
}

// dsn is the SQLite address of the session: foreign keys on, as sqlstore
// needs, and a wait rather than an error when the file is busy.
func dsn(path string) string {
	return "file:" + filepath.ToSlash(path) + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)"
}

// attach makes the whatsmeow client of device and returns the one it
// replaces, for the caller to detach once c.mu is released: whatsmeow
// holds its handlers' lock while calling c.event, which takes c.mu.
func (c *Client) attach(device *store.Device) (old *whatsmeow.Client, oldHandler uint32) {
	old, oldHandler = c.wm, c.handler
	wm := whatsmeow.NewClient(device, c.log.Sub("Client"))
	wm.EnableAutoReconnect = true
	// The desk posts; it never reads the account's chats: no history.
	wm.ManualHistorySyncDownload = true
	c.wm = wm
	c.handler = wm.AddEventHandler(c.event)
	c.state = sender.WANotLinked
	if device.ID != nil {
		c.state = sender.WAConnecting
	}
	return old, oldHandler
}

// detach stops a client attach replaced.
func detach(wm *whatsmeow.Client, handler uint32) {
	if wm != nil {
		wm.RemoveEventHandler(handler)
		wm.Disconnect()
	}
}

// event follows the connection from whatsmeow's events.
func (c *Client) event(evt any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch e := evt.(type) {
	case *events.Connected, *events.KeepAliveRestored:
		c.state, c.problem = sender.WAConnected, nil
		os.Remove(c.path(loggedOutFile))
	case *events.Disconnected, *events.KeepAliveTimeout:
		if c.state != sender.WALoggedOut {
			c.state = sender.WAOffline
		}
	case *events.LoggedOut:
		// whatsmeow deletes the session's keys; the mark says why the
		// desk is no longer linked, until it is linked again.
		c.state = sender.WALoggedOut
		os.WriteFile(c.path(loggedOutFile), []byte(time.Now().Format(time.RFC3339)+"\n"), 0o600)
	case *events.StreamReplaced:
		c.state, c.problem = sender.WAOffline, errors.New("another session of this device took over the connection")
	case *events.TemporaryBan:
		c.state, c.problem = sender.WAOffline, fmt.Errorf("WhatsApp banned this account for a while: %s", e.String())
	case *events.ClientOutdated:
		c.state, c.problem = sender.WAOffline, errors.New("WhatsApp refuses this version of crieur's WhatsApp library: update crieur")
	case *events.ConnectFailure:
		if c.state != sender.WALoggedOut {
			c.state, c.problem = sender.WAOffline, fmt.Errorf("WhatsApp refused the connection (%s)", e.Reason.String())
		}
	}
}

// connect opens the session and waits until the device is logged in.
func (c *Client) connect(ctx context.Context) error {
	if exists(c.path(loggedOutFile)) {
		return sender.ErrLoggedOut
	}
	if !exists(c.path(sessionFile)) {
		return sender.ErrNotLinked
	}
	if err := c.ensure(ctx); err != nil {
		return err
	}
	c.mu.Lock()
	wm := c.wm
	c.mu.Unlock()
	if wm.Store.ID == nil {
		return sender.ErrNotLinked
	}
	if wm.IsLoggedIn() {
		return nil
	}
	if !wm.IsConnected() {
		done := make(chan error, 1)
		// Connect has no context of its own and keeps the connection
		// on its own background context: it is waited for, not bound.
		go func() { done <- wm.Connect() }()
		select {
		case err := <-done:
			if err != nil && !errors.Is(err, whatsmeow.ErrAlreadyConnected) {
				return fmt.Errorf("%w: %v", sender.ErrNotConnected, err)
			}
		case <-ctx.Done():
			return fmt.Errorf("%w: %v", sender.ErrNotConnected, ctx.Err())
		}
	}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for !wm.IsLoggedIn() {
		if exists(c.path(loggedOutFile)) {
			return sender.ErrLoggedOut
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			if p := c.Problem(); p != nil {
				return fmt.Errorf("%w: %v", sender.ErrNotConnected, p)
			}
			return fmt.Errorf("%w: no connection within the time allowed", sender.ErrNotConnected)
		}
	}
	return nil
}

// ready connects before a request, with part of the request's time: a
// request that is to leave must keep time for its answer.
func (c *Client) ready(ctx context.Context) (*whatsmeow.Client, error) {
	wait := connectWait
	if deadline, ok := ctx.Deadline(); ok {
		wait = min(connectWait, max(minConnectWait, time.Until(deadline)/2))
	}
	cctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	if err := c.connect(cctx); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.wm, nil
}

// removeSession deletes the session directory, after Close.
func (c *Client) removeSession() error {
	err := os.RemoveAll(c.dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete the WhatsApp session %s: %w", c.dir, err)
	}
	return nil
}
