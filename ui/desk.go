package ui

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"crieur/message"
	"crieur/sender"
	"crieur/settings"
	"crieur/store"
	"crieur/ui/i18n"
	"crieur/ui/phone"
)

// Config is what the desk needs from main.
type Config struct {
	Store        *store.Store
	Settings     settings.Settings
	SettingsPath string
	Lang         string
	Now          func() time.Time
	// Backup makes the day's backup of the data file once the desk is up.
	Backup bool
	// Cards reads the pages posts link to, for their cards; nil keeps the
	// desk offline.
	Cards *sender.CardReader
	// Feeds reads the city's feeds for the meeting's topics; nil keeps the
	// desk from reading them (offline).
	Feeds *http.Client
	// Dispatcher delivers due sends while the desk is open; nil keeps the
	// desk from sending.
	Dispatcher *sender.Dispatcher
	// Autosave is how often unsaved typing is kept; zero means
	// AutosaveEvery, a negative value turns it off (tests drive it).
	Autosave time.Duration
	// WhatsApp is the linked device; nil when the desk cannot link one.
	WhatsApp sender.WhatsApp
	// NewDispatcher makes the dispatcher again after the settings
	// changed (a channel was chosen); nil keeps the one given.
	NewDispatcher func(settings.Settings) (*sender.Dispatcher, error)
	// FirstRun, when set, opens the desk on its first questions (there is
	// no settings file yet). It takes the answers, or nil to keep the
	// defaults, writes the settings file and the sample week, and returns
	// the settings; it runs in a command, off the desk's loop.
	FirstRun func(answers *settings.Setup) (settings.Settings, error)
	// Clipboard is the system's clipboard, where there is one: a text to
	// paste goes there as well as to the terminal (OSC 52). Nil: the
	// terminal only.
	Clipboard sender.Clipboard
	// Settle, when set, runs once the backlog is loaded and on screen,
	// off the desk's loop: the program sets its process-wide memory
	// policy there. The desk sets none of its own.
	Settle func()
	// Tidy, when set, runs off the desk's loop once a filter is done
	// with (its line closed, its matches on screen): the program gives
	// back what the filter's keystrokes used. The desk sets none of its
	// own.
	Tidy func()

	// Member, on the team desk, is the person this session serves: the
	// desk records them, offers only what their role allows, runs nothing
	// on the server ($EDITOR), and shows no path of the server. The
	// server sends the due sends and reads the stats for every session.
	// Nil: the desk of one person.
	Member *Member
	// Team tells the other sessions what this one changed.
	Team Team
	// Backlog is the team desk's backlog index, shared by every session;
	// nil, the desk reads its own.
	Backlog *SharedBacklog
	// Events are messages from outside the desk for Run to hand to it:
	// Reload when a command run through the desk's process changed the
	// file.
	Events <-chan tea.Msg
}

// Run opens the desk in the terminal and returns when the person quits.
// If the desk stops on an error of its own (a panic), the terminal is
// restored all the same and the error is a *Crash.
func Run(cfg Config) error {
	var opts []tea.ProgramOption
	// NO_COLOR with any non-empty value means no colour (no-color.org);
	// Bubble Tea on its own only honours the values strconv.ParseBool
	// accepts.
	if os.Getenv("NO_COLOR") != "" {
		opts = append(opts, tea.WithColorProfile(colorprofile.ASCII))
	}
	g := newGuard(New(cfg))
	p := tea.NewProgram(g, opts...)
	g.state.quit = p.Quit
	if cfg.Events != nil {
		go func() {
			for msg := range cfg.Events {
				p.Send(msg)
			}
		}()
	}
	_, err := p.Run()
	if c := g.crashed(); c != nil {
		return c
	}
	return err
}

// AutosaveEvery is how often what is typed is kept as a working copy: the
// most a crash or a closed laptop can lose.
const AutosaveEvery = 3 * time.Second

// desk is what every screen shares: the store and the settings, the
// catalogue and the key maps, the styles, the clock, the window's size,
// the message line, and the state of sending and of WhatsApp. The root
// model embeds it and lends it to the screens for the length of a call;
// no screen keeps it.
type desk struct {
	st           *store.Store
	settings     settings.Settings
	settingsPath string
	t            *i18n.Text
	keys         *keys        // built once; never changed
	styles       *Styles      // replaced, never changed, when the background changes
	cells        rowCells     // backlog row parts for this language and theme
	phones       *phone.Cache // phone drawings, by message and options
	keysDrawn    *memo        // the footer's keys as last drawn; by pointer, for View has a copy of the model
	phoneDark    *bool        // the phone's theme once chosen; nil follows the terminal
	now          func() time.Time
	loc          *time.Location
	who          string             // the validator's name
	cards        *sender.CardReader // nil: offline
	feeds        *http.Client       // reads the feeds; nil: offline
	autosave     time.Duration
	settle       func() // the program's memory policy, once the backlog is loaded
	tidy         func() // and once a filter is done with

	width, height int
	message       string
	isError       bool

	// dispatcher delivers due sends; nil when the desk does not send.
	dispatcher *sender.Dispatcher
	// newDispatcher remakes the dispatcher after a settings change.
	newDispatcher func(settings.Settings) (*sender.Dispatcher, error)
	sending       bool // a run of the due sends is under way
	// firstRun writes the first run's answers; nil once they are written.
	firstRun func(*settings.Setup) (settings.Settings, error)
	// pending are the sends that wait for a person's word (to paste, of
	// unknown outcome), oldest first, with their posts by id.
	pendingSends []store.Send
	pendingPosts map[string]store.Post
	clipboard    sender.Clipboard

	wa        sender.WhatsApp // the linked device; nil: none
	waState   sender.WAState
	waAccount string
	// stats are the views and reactions of published posts, by post.
	stats        map[string]store.PostStats
	statsTicking bool // a reading of the stats is scheduled

	// late are the slots a meeting reserved that are past, or within the
	// lead time, without their post: the title line warns until a person
	// decides.
	late         []store.Reservation
	feedsReading bool // a reading of the feeds is under way

	team // the team desk's session, if served
}

func newDesk(cfg Config) desk {
	t := i18n.For(cfg.Lang).WithCategories(cfg.Settings.CategoryLabels(cfg.Lang))
	d := desk{
		st:            cfg.Store,
		settings:      cfg.Settings,
		settingsPath:  cfg.SettingsPath,
		t:             t,
		keys:          newKeys(t),
		styles:        newStyles(true),
		phones:        &phone.Cache{},
		keysDrawn:     &memo{},
		now:           cfg.Now,
		loc:           cfg.Settings.Location(),
		who:           cfg.Settings.Person(t.Settings.Newsroom),
		cards:         cfg.Cards,
		feeds:         cfg.Feeds,
		autosave:      cfg.Autosave,
		width:         80,
		height:        24,
		dispatcher:    cfg.Dispatcher,
		newDispatcher: cfg.NewDispatcher,
		clipboard:     cfg.Clipboard,
		wa:            cfg.WhatsApp,
		settle:        cfg.Settle,
		tidy:          cfg.Tidy,
		firstRun:      cfg.FirstRun,
		team:          team{member: cfg.Member, link: cfg.Team, shared: cfg.Backlog},
	}
	if cfg.Member != nil {
		d.who = cfg.Member.Name
	}
	d.cells = newRowCells(t, d.styles)
	return d
}

func newStyles(isDark bool) *Styles {
	st := NewStyles(isDark)
	return &st
}

// restyle follows a change of the terminal's background.
func (d *desk) restyle(isDark bool) {
	d.styles = newStyles(isDark)
	d.cells = newRowCells(d.t, d.styles)
}

func (d *desk) say(text string) { d.message, d.isError = text, false }

func (d *desk) fail(text string) { d.message, d.isError = text, true }

// errorText turns a store error into a sentence for the status line.
func (d *desk) errorText(err error) string {
	switch {
	case errors.Is(err, store.ErrConflict):
		return d.t.MsgConflict
	case errors.Is(err, store.ErrStatus):
		return d.t.MsgStatusNotAllowed
	case errors.Is(err, store.ErrSlotReserved):
		return d.t.Meet.Screen.SlotReservedErr
	case errors.Is(err, store.ErrSlotTaken):
		return d.t.Meet.Screen.SlotTakenErr
	case errors.Is(err, store.ErrSlotPast):
		return d.t.Meet.Screen.SlotPast
	}
	var p *settings.Problem
	if errors.As(err, &p) {
		return fmt.Sprintf(d.t.MsgError, firstLine(d.t.SettingsProblem(p.Format, p.Args...)))
	}
	// An error of sending says why by its code, as the send log does.
	if code, status, ok := sender.Explained(err); ok {
		why := d.sendError(string(code), status, "")
		var de *sender.DestinationError
		if errors.As(err, &de) {
			why = fmt.Sprintf(d.t.SendErrors.Destination, visible(de.Destination), why)
		}
		return fmt.Sprintf(d.t.MsgError, why)
	}
	return fmt.Sprintf(d.t.MsgError, d.unpath(firstLine(err.Error())))
}

// unpath takes the server's folders out of what a session of the team
// desk is told: an error may name the data file or the member's inbox.
func (d *desk) unpath(text string) string {
	if !d.served() || d.st == nil {
		return text
	}
	dir := filepath.Dir(d.st.Path())
	for _, p := range []string{d.member.Inbox, dir, filepath.Dir(dir)} {
		if len(p) > 1 {
			text = strings.ReplaceAll(text, p+string(filepath.Separator), "")
			text = strings.ReplaceAll(text, p, "…")
		}
	}
	return text
}

// title is a post's title as the desk shows it.
func (d *desk) title(t string) string {
	if strings.TrimSpace(t) == "" {
		return d.t.Untitled
	}
	return visible(t)
}

// newPost is a fresh idea with its id already chosen, so its working copy
// can be kept before the first save.
func (d *desk) newPost() store.Post {
	author := d.settings.Desk.Name
	if d.member != nil {
		author = d.member.Name
	}
	return store.Post{ID: store.NewID(d.now()), Status: store.StatusIdea, Author: author}
}

// checks runs the checks of a post, with the hard limits of the
// destinations the desk sends to (a photo caption's on Telegram when the
// post has an image).
func (d *desk) checks(p store.Post) []message.Problem {
	return sender.Check(p, d.settings, d.limits(p), d.now())
}

// checksCmd runs the checks of p in the background; what they read is
// taken now, in Update.
func (d *desk) checksCmd(p store.Post, key string) tea.Cmd {
	s, limits, now := d.settings, d.limits(p), d.now()
	return func() tea.Msg {
		return checkedMsg{key: key, problems: sender.Check(p, s, limits, now)}
	}
}

// limits are the configured back-ends' limits for p's message.
func (d *desk) limits(p store.Post) message.Limits {
	if d.dispatcher == nil || len(d.dispatcher.Backends) == 0 {
		return nil
	}
	backends := make([]sender.Backend, 0, len(d.dispatcher.Backends))
	for _, b := range d.dispatcher.Backends {
		backends = append(backends, b)
	}
	return sender.LimitsFor(sender.Build(p, d.settings), backends...)
}

// checked is p with the count of errors its checks find, which the backlog
// marks without running the checks itself.
func (d *desk) checked(p store.Post) store.Post {
	p.Problems = message.Errors(d.checks(p))
	return p
}

// publishing is the dispatcher when it sends to WhatsApp: it reads the
// stats and sends corrections.
func (d *desk) publishing() *sender.Dispatcher {
	if d.dispatcher == nil || d.dispatcher.WhatsApp() == nil {
		return nil
	}
	return d.dispatcher
}

// waConfigured says whether the desk has a WhatsApp destination.
func (d *desk) waConfigured() bool { return len(d.settings.WhatsAppDestinations()) > 0 }

// waChannel is the channel the settings send to, and its name.
func (d *desk) waChannel() (jid, name string) {
	if ds := d.settings.WhatsAppDestinations(); len(ds) > 0 {
		return ds[0].Channel, ds[0].ChannelName
	}
	return "", ""
}

// waLinked says whether an account is linked, connected or not.
func (d *desk) waLinked() bool {
	return d.waState != sender.WANotLinked && d.waState != sender.WALoggedOut
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func splitLines(s string) []string { return strings.Split(s, "\n") }
