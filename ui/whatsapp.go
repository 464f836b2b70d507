package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/sender"
	"crieur/sender/qr"
	"crieur/settings"
)

// whatsapp is the screen that links the desk to a WhatsApp account as a
// linked device and chooses the channel it posts to.
type whatsapp struct {
	from  screen
	input *textinput.Model // the phone number or the invite link being typed
	asked waAsk            // what the input is for

	// Linking under way: the latest event, its QR drawing, and how to stop.
	linking bool
	event   sender.LinkEvent
	qr      []string
	stop    context.CancelFunc
	linkGen int // counts link sessions, so a stopped one's events are ignored

	channels []sender.Channel
	loading  bool // the channels are being read
	cursor   int
}

type waAsk int

const (
	askNothing waAsk = iota
	askPhone
	askInvite
)

// waTimeout bounds one request to WhatsApp from the desk (channels,
// invite, unlink): the desk stays usable when the network is down.
const waTimeout = 20 * time.Second

// waTickEvery is how often the desk looks at the connection; while a code
// is on screen it ticks every second for the time left.
const waTickEvery = 2 * time.Second

type (
	// waTickMsg is the connection's state, read in a command: the real
	// device looks at its files to tell.
	waTickMsg struct {
		state   sender.WAState
		account string
		tick    bool // the periodic reading: schedule the next one
	}
	linkStartedMsg struct {
		gen    int
		events <-chan sender.LinkEvent
		err    error
	}
	linkEventMsg struct {
		gen    int
		event  sender.LinkEvent
		closed bool
		events <-chan sender.LinkEvent
	}
	channelsMsg struct {
		channels []sender.Channel
		invite   bool // from an invite link: choose it at once
		err      error
	}
	channelChosenMsg struct {
		channel    sender.Channel
		settings   settings.Settings
		dispatcher *sender.Dispatcher
		err        error
	}
	unlinkedMsg struct {
		state   sender.WAState
		account string
		err     error
	}
)

// waConfigured says whether the desk has a WhatsApp destination.
func (m Model) waConfigured() bool { return len(m.settings.WhatsAppDestinations()) > 0 }

// waChannel is the channel the settings send to, and its name.
func (m Model) waChannel() (jid, name string) {
	if ds := m.settings.WhatsAppDestinations(); len(ds) > 0 {
		return ds[0].Channel, ds[0].ChannelName
	}
	return "", ""
}

func (m Model) waTickCmd() tea.Cmd {
	if m.wa == nil {
		return nil
	}
	every := waTickEvery
	if m.whatsapp != nil && m.whatsapp.linking {
		every = time.Second
	}
	wa := m.wa
	return tea.Tick(every, func(time.Time) tea.Msg {
		return waTickMsg{state: wa.State(), account: wa.Account(), tick: true}
	})
}

// waStateCmd reads the connection's state now.
func (m Model) waStateCmd() tea.Cmd {
	if m.wa == nil {
		return nil
	}
	wa := m.wa
	return func() tea.Msg { return waTickMsg{state: wa.State(), account: wa.Account()} }
}

// openWhatsApp shows the WhatsApp screen from the current one.
func (m Model) openWhatsApp() (tea.Model, tea.Cmd) {
	if m.wa == nil {
		m.fail(m.t.WA.Unavailable)
		return m, nil
	}
	m.whatsapp = &whatsapp{from: m.screen}
	m.screen = screenWhatsApp
	if m.waState == sender.WAConnected {
		return m, m.channelsCmd()
	}
	return m, m.waStateCmd()
}

func (m *Model) channelsCmd() tea.Cmd {
	m.whatsapp.loading = true
	wa := m.wa
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), waTimeout)
		defer cancel()
		chs, err := wa.Channels(ctx)
		return channelsMsg{channels: chs, err: err}
	}
}

func (m *Model) inviteCmd(link string) tea.Cmd {
	m.whatsapp.loading = true
	wa := m.wa
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), waTimeout)
		defer cancel()
		ch, err := wa.ChannelFromInvite(ctx, link)
		return channelsMsg{channels: []sender.Channel{ch}, invite: true, err: err}
	}
}

// linkCmd starts linking: with a QR code, or with a phone number.
func (m *Model) linkCmd(phone string) tea.Cmd {
	ws := m.whatsapp
	if ws.stop != nil {
		ws.stop()
	}
	ctx, cancel := context.WithCancel(context.Background())
	ws.linkGen++
	ws.stop, ws.linking, ws.event, ws.qr = cancel, true, sender.LinkEvent{}, nil
	gen, wa := ws.linkGen, m.wa
	return func() tea.Msg {
		events, err := wa.Link(ctx, phone)
		return linkStartedMsg{gen: gen, events: events, err: err}
	}
}

// nextLinkEvent waits for the next step of linking.
func nextLinkEvent(gen int, events <-chan sender.LinkEvent) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-events
		return linkEventMsg{gen: gen, event: ev, closed: !ok, events: events}
	}
}

// chooseCmd saves the channel in the settings and makes the dispatcher
// that sends to it.
func (m Model) chooseCmd(ch sender.Channel) tea.Cmd {
	path, build := m.settingsPath, m.newDispatcher
	return func() tea.Msg {
		if err := settings.SetWhatsAppChannel(path, ch.JID, ch.Name); err != nil {
			return channelChosenMsg{err: err}
		}
		s, _, err := settings.Load(path)
		if err != nil {
			return channelChosenMsg{err: err}
		}
		msg := channelChosenMsg{channel: ch, settings: s}
		if build != nil {
			msg.dispatcher, msg.err = build(s)
		}
		return msg
	}
}

func (m Model) unlinkCmd() tea.Cmd {
	wa := m.wa
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), waTimeout)
		defer cancel()
		err := wa.Unlink(ctx)
		return unlinkedMsg{state: wa.State(), account: wa.Account(), err: err}
	}
}

// whatsAppResults applies the answers of the WhatsApp commands, whatever
// the screen.
func (m *Model) whatsAppResults(msg tea.Msg) (tea.Cmd, bool) {
	ws := m.whatsapp
	switch msg := msg.(type) {
	case waTickMsg:
		before := m.waState
		m.waState, m.waAccount = msg.state, msg.account
		var cmds []tea.Cmd
		if msg.tick {
			cmds = append(cmds, m.waTickCmd())
		}
		if before != sender.WAConnected && m.waState == sender.WAConnected {
			// Back online: what waited for the network can go.
			cmds = append(cmds, m.dispatchCmd())
			if ws != nil && ws.channels == nil && !ws.loading {
				cmds = append(cmds, m.channelsCmd())
			}
		}
		return tea.Batch(cmds...), true
	case linkStartedMsg:
		if ws == nil || msg.gen != ws.linkGen {
			return nil, true
		}
		if msg.err != nil {
			ws.linking = false
			m.fail(fmt.Sprintf(m.t.WA.LinkFailed, linkError(msg.err)))
			return nil, true
		}
		return nextLinkEvent(msg.gen, msg.events), true
	case linkEventMsg:
		if ws == nil || msg.gen != ws.linkGen {
			return nil, true
		}
		if msg.closed {
			ws.linking = false
			return nil, true
		}
		ws.event = msg.event
		switch msg.event.Kind {
		case sender.LinkQR:
			ws.qr = qr.Lines(msg.event.Code)
		case sender.LinkPairCode:
			ws.qr = nil
		case sender.LinkDone:
			ws.linking, ws.qr = false, nil
			m.waAccount = msg.event.Account
			m.say(fmt.Sprintf(m.t.WA.Linked, visible(msg.event.Account)))
			return m.waStateCmd(), true
		case sender.LinkExpired:
			ws.linking, ws.qr = false, nil
			m.fail(m.t.WA.Expired)
			return nil, true
		case sender.LinkFailed:
			ws.linking, ws.qr = false, nil
			m.fail(fmt.Sprintf(m.t.WA.LinkFailed, linkError(msg.event.Err)))
			return nil, true
		}
		return nextLinkEvent(msg.gen, msg.events), true
	case channelsMsg:
		if ws == nil {
			return nil, true
		}
		ws.loading = false
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
			return nil, true
		}
		if msg.invite {
			return m.chooseCmd(msg.channels[0]), true
		}
		ws.channels = msg.channels
		ws.cursor = 0
		jid, _ := m.waChannel()
		for i, ch := range ws.channels {
			if ch.JID == jid {
				ws.cursor = i
			}
		}
		return nil, true
	case channelChosenMsg:
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
			return nil, true
		}
		manualBefore := len(m.settings.DestinationsOf(settings.KindManual))
		m.settings = msg.settings
		if msg.dispatcher != nil {
			m.dispatcher = msg.dispatcher
		}
		text := fmt.Sprintf(m.t.WA.Chosen, visible(msg.channel.Name))
		if len(m.settings.DestinationsOf(settings.KindManual)) < manualBefore {
			text += " " + m.t.WA.ManualOff
		}
		m.say(text)
		// Posts planned for the old destinations follow the new ones.
		cmds := []tea.Cmd{m.dispatchCmd()}
		if !m.statsTicking {
			cmds = append(cmds, m.statsTickCmd())
		}
		return tea.Batch(cmds...), true
	case unlinkedMsg:
		m.waState, m.waAccount = msg.state, msg.account
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
			return nil, true
		}
		if ws != nil {
			ws.channels = nil
		}
		m.say(m.t.WA.Unlinked)
		return nil, true
	}
	return nil, false
}

func (m Model) updateWhatsApp(msg tea.Msg) (tea.Model, tea.Cmd) {
	ws := m.whatsapp
	k, ok := msg.(tea.KeyPressMsg)
	if ws.input != nil {
		return m.updateWAInput(msg)
	}
	if !ok {
		return m, nil
	}
	keys := m.keys
	switch {
	case key.Matches(k, keys.Close):
		if ws.linking {
			ws.stop()
			ws.linking, ws.qr = false, nil
			return m, nil
		}
		if ws.stop != nil {
			ws.stop()
		}
		m.screen, m.whatsapp = ws.from, nil
	case key.Matches(k, keys.WALinkQR), key.Matches(k, keys.WALinkPhone):
		if m.waState != sender.WANotLinked && m.waState != sender.WALoggedOut {
			m.fail(fmt.Sprintf(m.t.WA.AlreadyLinked, visible(m.waAccount)))
			return m, nil
		}
		if key.Matches(k, keys.WALinkPhone) {
			m.askWA(askPhone)
			return m, nil
		}
		return m, m.linkCmd("")
	case key.Matches(k, keys.WAChannels):
		if !m.waLinked() {
			m.fail(m.t.WA.LinkFirst)
			return m, nil
		}
		return m, m.channelsCmd()
	case key.Matches(k, keys.WAInvite):
		if !m.waLinked() {
			m.fail(m.t.WA.LinkFirst)
			return m, nil
		}
		m.askWA(askInvite)
	case key.Matches(k, keys.Down):
		ws.cursor = min(ws.cursor+1, max(len(ws.channels)-1, 0))
	case key.Matches(k, keys.Up):
		ws.cursor = max(ws.cursor-1, 0)
	case key.Matches(k, keys.WAChoose):
		if ws.cursor < len(ws.channels) {
			return m, m.chooseCmd(ws.channels[ws.cursor])
		}
	case key.Matches(k, keys.WAUnlink):
		if m.waState == sender.WANotLinked {
			return m, nil
		}
		m.ask(fmt.Sprintf(m.t.WA.ConfirmUnlink, visible(m.waAccount)), false,
			func(m *Model) tea.Cmd { return m.unlinkCmd() }, nil)
	case key.Matches(k, keys.Help):
		m.helpFrom, m.screen = screenWhatsApp, screenHelp
	case key.Matches(k, keys.Quit):
		if ws.stop != nil {
			ws.stop()
		}
		return m.quit()
	}
	return m, nil
}

// waLinked says whether an account is linked, connected or not.
func (m Model) waLinked() bool {
	return m.waState != sender.WANotLinked && m.waState != sender.WALoggedOut
}

func (m *Model) askWA(what waAsk) {
	in := textinput.New()
	in.SetStyles(inputStyles(&m.styles))
	in.SetWidth(max(m.width-4, 10))
	in.Prompt = "> "
	in.Placeholder = m.t.WA.PhonePlaceholder
	if what == askInvite {
		in.Placeholder = m.t.WA.InvitePlaceholder
	}
	in.Focus()
	m.whatsapp.input, m.whatsapp.asked = &in, what
}

func (m Model) updateWAInput(msg tea.Msg) (tea.Model, tea.Cmd) {
	ws := m.whatsapp
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			ws.input = nil
			return m, nil
		case "enter":
			text := strings.TrimSpace(ws.input.Value())
			what := ws.asked
			ws.input = nil
			if text == "" {
				return m, nil
			}
			if what == askPhone {
				phone := digits(text)
				if len(phone) < 8 {
					m.fail(m.t.WA.BadPhone)
					return m, nil
				}
				return m, m.linkCmd(phone)
			}
			return m, m.inviteCmd(text)
		}
	}
	in, cmd := ws.input.Update(msg)
	ws.input = &in
	return m, cmd
}

// digits keeps the digits of a phone number as people type it:
// "+33 6 12 34 56 78" is 33612345678.
func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (m Model) viewWhatsApp(w, h int) string {
	st := &m.styles
	ws := m.whatsapp
	lines := []string{m.titleBar(w, st.Muted.Render(m.t.WA.Title)), ""}
	field := func(label, value string) string {
		return "  " + st.Muted.Render(padRight(label, 12)) + value
	}
	account := st.Faint.Render(m.t.WA.NoAccount)
	if m.waAccount != "" {
		account = st.App.Render(visible(m.waAccount))
	}
	lines = append(lines,
		field(m.t.WA.Account, account),
		field(m.t.WA.Connection, m.waStateText(m.waState)))
	jid, name := m.waChannel()
	channel := st.Faint.Render(m.t.WA.NoChannel)
	if jid != "" {
		channel = st.App.Render(visible(name)) + st.Faint.Render(" "+visible(jid))
	}
	lines = append(lines, field(m.t.WA.Channel, channel), "")

	switch {
	case ws.input != nil:
		prompt := m.t.WA.PhonePrompt
		if ws.asked == askInvite {
			prompt = m.t.WA.InvitePrompt
		}
		lines = append(lines, para(st.App, prompt, w)...)
		lines = append(lines, "  "+ws.input.View())
	case ws.linking:
		lines = append(lines, m.viewLinking(w, h-len(lines))...)
	default:
		lines = append(lines, m.viewChannels(w)...)
	}
	return strings.Join(lines, "\n")
}

// para is text wrapped to the screen, indented by two cells.
func para(style lipgloss.Style, text string, w int) []string {
	var out []string
	for _, l := range splitLines(ansi.Wordwrap(text, max(w-4, 10), "")) {
		out = append(out, "  "+style.Render(l))
	}
	return out
}

// viewLinking is the code to scan or to type, and the time left.
func (m Model) viewLinking(w, h int) []string {
	st := &m.styles
	ev := m.whatsapp.event
	left := ""
	if !ev.Expires.IsZero() {
		secs := int(ev.Expires.Sub(m.now()).Seconds())
		left = st.Muted.Render("  " + fmt.Sprintf(m.t.WA.SecondsLeft, max(secs, 0)))
	}
	switch ev.Kind {
	case sender.LinkPairCode:
		code := ev.Code
		if len(code) == 8 {
			code = code[:4] + "-" + code[4:]
		}
		out := para(st.App, m.t.WA.PairHow, w)
		return append(out, "", "      "+st.Brand.Render(visible(code)), "", left)
	case sender.LinkQR:
		qrW := 0
		if len(m.whatsapp.qr) > 0 {
			qrW = cells(m.whatsapp.qr[0])
		}
		need := len(m.whatsapp.qr) + 2
		if qrW+4 > w || need > h {
			return append(para(st.Error, fmt.Sprintf(m.t.WA.TooSmall, qrW+4, need+8), w), left)
		}
		// Black on white whatever the terminal's colours: phones read a
		// dark code on a light ground.
		code := lipgloss.NewStyle().Foreground(lipgloss.Color("#000000")).Background(lipgloss.Color("#ffffff"))
		out := []string{"  " + ansi.Truncate(st.App.Render(m.t.WA.ScanHow)+left, max(w-2, 1), "…")}
		for _, l := range m.whatsapp.qr {
			out = append(out, "  "+code.Render(l))
		}
		return out
	}
	return []string{"  " + st.Muted.Render(m.t.WA.Starting)}
}

// viewChannels lists the channels the account administers.
func (m Model) viewChannels(w int) []string {
	st := &m.styles
	ws := m.whatsapp
	switch {
	case !m.waLinked():
		out := para(st.App, m.t.WA.HowToLink, w)
		return append(append(out, ""), para(st.Faint, m.t.WA.Risk, w)...)
	case ws.loading:
		return []string{"  " + st.Muted.Render(m.t.WA.Loading)}
	case ws.channels == nil:
		return []string{"  " + st.Muted.Render(m.t.WA.PressChannels)}
	case len(ws.channels) == 0:
		return para(st.Muted, m.t.WA.NoChannels, w)
	}
	jid, _ := m.waChannel()
	out := []string{"  " + st.Header.Render(m.t.WA.ChannelsTitle)}
	nameW := 0
	for _, ch := range ws.channels {
		nameW = max(nameW, cells(visible(ch.Name)))
	}
	nameW = min(nameW, max(w/2, 10))
	for i, ch := range ws.channels {
		cursor, mark := "  ", "  "
		if i == ws.cursor {
			cursor = st.Brand.Render("▸ ")
		}
		if ch.JID == jid {
			mark = st.OK.Render("✓ ")
		}
		followers := fmt.Sprintf(m.t.WA.Followers, m.t.Count(ch.Followers))
		name := padRight(ansi.Truncate(visible(ch.Name), nameW, "…"), nameW)
		line := cursor + mark + st.App.Render(name) + st.Muted.Render(" "+followers+" · "+visible(ch.Role))
		out = append(out, ansi.Truncate(line, w, "…"))
	}
	return out
}

// waStateText is the connection's state as the desk shows it.
func (m Model) waStateText(s sender.WAState) string {
	st := &m.styles
	text := m.t.WA.States[s]
	switch s {
	case sender.WAConnected:
		return st.OK.Render("● " + text)
	case sender.WALoggedOut:
		return st.Error.Render("✗ " + text)
	case sender.WANotLinked:
		return st.Faint.Render("○ " + text)
	}
	return st.Muted.Render("○ " + text)
}

// waBadge is the connection's state on the title line, when the desk
// sends to WhatsApp or an account is linked.
// A short badge is the state's symbol alone.
func (m Model) waBadge(short bool) string {
	if m.wa == nil || (m.waState == sender.WANotLinked && !m.waConfigured()) {
		return ""
	}
	text := m.waStateText(m.waState)
	if short {
		symbol, _, _ := strings.Cut(ansi.Strip(text), " ")
		style := m.styles.Muted
		switch m.waState {
		case sender.WAConnected:
			style = m.styles.OK
		case sender.WALoggedOut:
			style = m.styles.Error
		}
		return m.styles.Muted.Render("WhatsApp ") + style.Render(symbol)
	}
	if m.waState == sender.WALoggedOut {
		return m.styles.Error.Render(m.t.WA.LoggedOutBanner)
	}
	return m.styles.Muted.Render("WhatsApp ") + text
}

// linkError is why linking failed, in one line.
func linkError(err error) string {
	if err == nil {
		return "?"
	}
	return visible(firstLine(err.Error()))
}
