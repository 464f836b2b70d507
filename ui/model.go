// Package ui is the desk: one Bubble Tea model and its screens, each in
// files of its own: the backlog (backlog.go), the editor with its checks
// and phone preview beside the text (editor.go, notes.go, card.go), the
// full-screen preview (preview.go), a post's history of revisions and
// events (history.go), the week and its slots (week.go, urgent.go), the
// WhatsApp screen that links the device and chooses the channel
// (whatsapp.go, with the corrections and stats of published posts in
// published.go), and the help (help.go); questions asked on the footer
// line are in confirm.go. Store access happens only in tea.Cmds
// (commands.go); Update applies their results and View draws only what is
// on screen.
package ui

import (
	"net/http"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

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
	// HTTP reads the pages posts link to, for their cards; nil keeps the
	// desk offline.
	HTTP *http.Client
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
	// Settle, when set, runs once the backlog is loaded and on screen,
	// off the desk's loop: the program sets its process-wide memory
	// policy there. The desk sets none of its own.
	Settle func()
}

// Run opens the desk in the terminal and returns when the person quits.
func Run(cfg Config) error {
	var opts []tea.ProgramOption
	// NO_COLOR with any non-empty value means no colour (no-color.org);
	// Bubble Tea on its own only honours the values strconv.ParseBool
	// accepts.
	if os.Getenv("NO_COLOR") != "" {
		opts = append(opts, tea.WithColorProfile(colorprofile.ASCII))
	}
	_, err := tea.NewProgram(New(cfg), opts...).Run()
	return err
}

type screen int

const (
	screenBacklog screen = iota
	screenEditor
	screenHistory
	screenHelp
	screenPreview
	screenWeek
	screenWhatsApp
)

// Model is the desk's root model.
type Model struct {
	st       *store.Store
	settings settings.Settings
	t        *i18n.Text
	keys     KeyMap
	styles   Styles
	now      func() time.Time
	loc      *time.Location
	autosave time.Duration

	width, height int
	screen        screen
	helpFrom      screen // the screen the help screen describes

	backlog backlog
	editor  *editor
	history *history
	preview *preview
	week    *week
	confirm *confirm
	urgent  *urgent // the reason of an urgent send, being typed

	whatsapp  *whatsapp       // the WhatsApp screen
	wa        sender.WhatsApp // the linked device; nil: none
	waState   sender.WAState
	waAccount string
	// newDispatcher remakes the dispatcher after a settings change.
	newDispatcher func(settings.Settings) (*sender.Dispatcher, error)
	settingsPath  string
	// stats are the views and reactions of published posts, by post.
	stats        map[string]store.PostStats
	statsTicking bool // a reading of the stats is scheduled

	cells     rowCells     // backlog row parts for this language and theme
	phones    *phone.Cache // phone drawings, by message and options
	phoneDark *bool        // the phone's theme once chosen; nil follows the terminal
	who       string       // the validator's name
	http      *http.Client // nil: offline
	// dispatcher delivers due sends; nil when the desk does not send.
	dispatcher *sender.Dispatcher
	sending    bool // a run of the due sends is under way
	backup     bool // make the day's backup
	settle     func()

	gen     int // counts editors opened, so a closed one's ticks are ignored
	loaded  bool
	message string
	isError bool
}

// New builds the desk's model; nothing is read until Init's commands run.
func New(cfg Config) Model {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Autosave == 0 {
		cfg.Autosave = AutosaveEvery
	}
	t := i18n.For(cfg.Lang)
	m := Model{
		st:       cfg.Store,
		settings: cfg.Settings,
		t:        t,
		keys:     NewKeyMap(t),
		styles:   NewStyles(true),
		now:      cfg.Now,
		loc:      cfg.Settings.Location(),
		autosave: cfg.Autosave,
		phones:   &phone.Cache{},
		who:      validator(cfg.Settings),
		http:     cfg.HTTP,

		dispatcher:    cfg.Dispatcher,
		backup:        cfg.Backup,
		settle:        cfg.Settle,
		wa:            cfg.WhatsApp,
		newDispatcher: cfg.NewDispatcher,
		settingsPath:  cfg.SettingsPath,
		width:         80,
		height:        24,
	}
	if m.wa != nil {
		m.statsTicking = m.waConfigured() // Init starts the readings
	}
	m.backlog = newBacklog(t, &m.styles)
	m.cells = newRowCells(t, &m.styles)
	return m
}

// Init asks the terminal for its background and loads the backlog.
func (m Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.loadCmd(), m.backupCmd(), m.dispatchCmd(), m.dispatchTickCmd(), m.waStateCmd(), m.waTickCmd(), m.loadStatsCmd(), m.statsTickCmd())
}

// Update routes a message to the screen it concerns.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, m.resized()
	case tea.BackgroundColorMsg:
		m.styles = NewStyles(msg.IsDark())
		m.cells = newRowCells(m.t, &m.styles)
		return m, m.restyled()
	case tea.KeyPressMsg:
		if m.confirm != nil {
			return m.answer(msg)
		}
		if m.urgent != nil {
			return m.updateUrgent(msg)
		}
		m.message, m.isError = "", false
		if msg.String() == "ctrl+c" {
			return m.quit()
		}
	}
	switch msg := msg.(type) {
	case savedMsg:
		return m.saved(msg)
	case openedMsg:
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
			return m, nil
		}
		return m.openEditor(msg.post, msg.working)
	case cardFetchedMsg:
		return m, m.cardResults(msg)
	case previewLoadedMsg:
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
			return m, nil
		}
		return m.showPreview(msg.post, msg.pubs)
	case imageMsg:
		for _, pr := range m.proofs() {
			if pr.imageFor == msg.key {
				pr.image = msg.rows
				pr.phone = ""
				m.refresh(pr, pr.post, m.proofWidth(pr))
			}
		}
		return m, nil
	case revisionsMsg:
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
			return m, nil
		}
		m.showHistory(msg)
		return m, nil
	}
	if cmd, done := m.results(msg); done {
		return m, cmd
	}
	if cmd, done := m.validationResults(msg); done {
		return m, cmd
	}
	if cmd, done := m.weekResults(msg); done {
		return m, cmd
	}
	if cmd, done := m.whatsAppResults(msg); done {
		return m, cmd
	}
	if cmd, done := m.publishedResults(msg); done {
		return m, cmd
	}
	switch m.screen {
	case screenEditor:
		return m.updateEditor(msg)
	case screenHistory:
		return m.updateHistory(msg)
	case screenHelp:
		return m.updateHelp(msg)
	case screenPreview:
		return m.updatePreview(msg)
	case screenWeek:
		return m.updateWeek(msg)
	case screenWhatsApp:
		return m.updateWhatsApp(msg)
	}
	return m.updateBacklog(msg)
}

// View draws the current screen, one line of status or help at the bottom.
func (m Model) View() tea.View {
	w, h := max(m.width, 1), max(m.height, 2)
	var body string
	switch m.screen {
	case screenEditor:
		body = m.viewEditor(w, h-1)
	case screenHistory:
		body = m.viewHistory(w, h-1)
	case screenHelp:
		body = m.viewHelp(w, h-1)
	case screenPreview:
		body = m.viewPreview(w, h-1)
	case screenWeek:
		body = m.viewWeek(w, h-1)
	case screenWhatsApp:
		body = m.viewWhatsApp(w, h-1)
	default:
		body = m.viewBacklog(w, h-1)
	}
	frame := fit(body, w, h-1) + "\n" + m.footer(w)
	if m.height < 2 {
		frame = m.footer(w)
	}
	v := tea.NewView(frame)
	v.AltScreen = true
	v.WindowTitle = "crieur"
	return v
}

// footer is the confirmation being asked, else the last message, else the
// screen's main keys.
func (m Model) footer(w int) string {
	switch {
	case m.urgent != nil:
		return m.urgentLine(w)
	case m.confirm != nil:
		// The answers at the end must stay visible: cut the question
		// before them, not them.
		q, answers := m.confirm.question, ""
		if i := strings.LastIndex(q, " ("); i > 0 && cells(q) > w {
			q, answers = q[:i], q[i:]
		}
		q = ansi.Truncate(q, max(w-cells(answers), 1), "…")
		return ansi.Truncate(m.styles.Confirm.Render(q+answers), w, "")
	case m.message != "":
		st := m.styles.Message
		if m.isError {
			st = m.styles.Error
		}
		return ansi.Truncate(st.Render(visible(m.message)), w, "…")
	}
	return m.shortHelp(w)
}

func (m Model) shortHelp(w int) string {
	sep := m.styles.Faint.Render(" · ")
	out, used := "", 0
	for _, b := range m.keys.short(m.screen) {
		if !b.Enabled() {
			continue
		}
		h := b.Help()
		need := cells(h.Key) + 1 + cells(h.Desc)
		if out != "" {
			need += 3
		}
		if used+need > w {
			break
		}
		if out != "" {
			out += sep
		}
		out += m.styles.HelpKey.Render(h.Key) + " " + m.styles.HelpDesc.Render(h.Desc)
		used += need
	}
	return out
}

func (m *Model) say(text string) { m.message, m.isError = text, false }

func (m *Model) fail(text string) { m.message, m.isError = text, true }

// fit pads or cuts s to exactly h lines, each cut to w cells, so a screen
// never pushes the footer off or leaves stale rows from a larger frame.
func fit(s string, w, h int) string {
	if h <= 0 {
		return ""
	}
	lines := splitLines(s)
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		// No character is wider in cells than in bytes, so a short line
		// needs no measuring.
		if len(l) > w && width(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// resized lays the screens out again for a new window size.
func (m *Model) resized() tea.Cmd {
	m.backlog.input.SetWidth(max(m.width-4, 1))
	m.backlog.clamp(m.listHeight())
	if m.editor != nil {
		m.layoutEditor()
	}
	return m.redraw()
}

// restyled follows a change of the terminal's background.
func (m *Model) restyled() tea.Cmd {
	m.backlog.input.SetStyles(inputStyles(&m.styles))
	if m.editor != nil {
		m.styleEditor()
	}
	return m.redraw()
}

// redraw remakes what is drawn ahead of View (the notes, the phones)
// after the size or the theme changed.
func (m *Model) redraw() tea.Cmd {
	var cmds []tea.Cmd
	if m.editor != nil {
		cmds = append(cmds, m.renderNotesCmd())
	}
	for _, pr := range m.proofs() {
		cmds = append(cmds, m.refresh(pr, pr.post, m.proofWidth(pr)))
	}
	return tea.Batch(cmds...)
}

// inputStyles are the text fields' styles, with a steady cursor: a
// blinking one redraws the whole screen twice a second for nothing.
func inputStyles(st *Styles) textinput.Styles {
	is := textinput.DefaultStyles(st.Dark)
	is.Cursor.Blink = false
	is.Focused.Text, is.Blurred.Text = st.App, st.App
	is.Focused.Placeholder, is.Blurred.Placeholder = st.Faint, st.Faint
	return is
}

// textareaStyles are the multi-line fields' styles: the text keeps the
// desk's own colour, focused or not, so it reads well on a light
// background too.
func textareaStyles(st *Styles) textarea.Styles {
	ts := textarea.DefaultStyles(st.Dark)
	ts.Cursor.Blink = false
	ts.Focused.Text, ts.Blurred.Text = st.App, st.App
	ts.Focused.CursorLine, ts.Blurred.CursorLine = st.App, st.App
	ts.Focused.Placeholder, ts.Blurred.Placeholder = st.Faint, st.Faint
	return ts
}

// proofs are the previews on screen: the editor's and the full-screen one.
func (m *Model) proofs() []*proof {
	var out []*proof
	if m.editor != nil {
		out = append(out, &m.editor.proof)
	}
	if m.preview != nil {
		out = append(out, &m.preview.proof)
	}
	return out
}

// proofWidth is the width a preview is drawn in.
func (m *Model) proofWidth(pr *proof) int {
	if m.editor != nil && pr == &m.editor.proof {
		_, right := m.editorSplit()
		return right
	}
	return m.width / 2
}
