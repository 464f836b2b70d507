package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

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
	list     listCursor
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

// newWhatsApp opens the WhatsApp screen; the desk must have a device.
func newWhatsApp(d *desk, from screen) (*whatsapp, tea.Cmd) {
	ws := &whatsapp{from: from}
	if d.waState == sender.WAConnected {
		return ws, ws.channelsCmd(d)
	}
	return ws, d.waStateCmd()
}

func (d *desk) waTickCmd(linking bool) tea.Cmd {
	if d.wa == nil {
		return nil
	}
	every := waTickEvery
	if linking {
		every = time.Second
	}
	wa := d.wa
	return tea.Tick(every, func(time.Time) tea.Msg {
		return waTickMsg{state: wa.State(), account: wa.Account(), tick: true}
	})
}

// waStateCmd reads the connection's state now.
func (d *desk) waStateCmd() tea.Cmd {
	if d.wa == nil {
		return nil
	}
	wa := d.wa
	return func() tea.Msg { return waTickMsg{state: wa.State(), account: wa.Account()} }
}

// waTicked takes the connection's state; it says whether the desk has
// just come back online.
func (d *desk) waTicked(msg waTickMsg) (online bool) {
	before := d.waState
	d.waState, d.waAccount = msg.state, msg.account
	return before != sender.WAConnected && d.waState == sender.WAConnected
}

func (ws *whatsapp) channelsCmd(d *desk) tea.Cmd {
	ws.loading = true
	wa := d.wa
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), waTimeout)
		defer cancel()
		chs, err := wa.Channels(ctx)
		return channelsMsg{channels: chs, err: err}
	}
}

func (ws *whatsapp) inviteCmd(d *desk, link string) tea.Cmd {
	ws.loading = true
	wa := d.wa
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), waTimeout)
		defer cancel()
		ch, err := wa.ChannelFromInvite(ctx, link)
		return channelsMsg{channels: []sender.Channel{ch}, invite: true, err: err}
	}
}

// linkCmd starts linking: with a QR code, or with a phone number.
func (ws *whatsapp) linkCmd(d *desk, phone string) tea.Cmd {
	ws.stopLinking()
	ctx, cancel := context.WithCancel(context.Background())
	ws.linkGen++
	ws.stop, ws.linking, ws.event, ws.qr = cancel, true, sender.LinkEvent{}, nil
	gen, wa := ws.linkGen, d.wa
	return func() tea.Msg {
		events, err := wa.Link(ctx, phone)
		return linkStartedMsg{gen: gen, events: events, err: err}
	}
}

// stopLinking stops a linking under way.
func (ws *whatsapp) stopLinking() {
	if ws.stop != nil {
		ws.stop()
	}
	ws.linking, ws.qr = false, nil
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
func (d *desk) chooseCmd(ch sender.Channel) tea.Cmd {
	path, build, words := d.settingsPath, d.newDispatcher, settings.Words(d.t.Settings)
	return func() tea.Msg {
		if err := settings.SetWhatsAppChannel(path, ch.JID, ch.Name, words); err != nil {
			return channelChosenMsg{err: err}
		}
		s, _, err := settings.Load(path, words)
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

func (d *desk) unlinkCmd() tea.Cmd {
	wa := d.wa
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), waTimeout)
		defer cancel()
		err := wa.Unlink(ctx)
		return unlinkedMsg{state: wa.State(), account: wa.Account(), err: err}
	}
}

// online loads the channels once the device is connected, if they were
// never read.
func (ws *whatsapp) online(d *desk) tea.Cmd {
	if ws.channels == nil && !ws.loading {
		return ws.channelsCmd(d)
	}
	return nil
}

// linkStarted follows a linking that began, or says why it did not.
func (ws *whatsapp) linkStarted(d *desk, msg linkStartedMsg) tea.Cmd {
	if msg.gen != ws.linkGen {
		return nil
	}
	if msg.err != nil {
		ws.linking = false
		d.fail(fmt.Sprintf(d.t.WA.LinkFailed, linkError(msg.err)))
		return nil
	}
	return nextLinkEvent(msg.gen, msg.events)
}

// linkEvent shows the next step of linking: a code, then the account.
func (ws *whatsapp) linkEvent(d *desk, msg linkEventMsg) tea.Cmd {
	if msg.gen != ws.linkGen {
		return nil
	}
	if msg.closed {
		ws.linking = false
		return nil
	}
	ws.event = msg.event
	switch msg.event.Kind {
	case sender.LinkQR:
		ws.qr = qr.Lines(msg.event.Code)
	case sender.LinkPairCode:
		ws.qr = nil
	case sender.LinkDone:
		ws.linking, ws.qr = false, nil
		d.waAccount = msg.event.Account
		d.say(fmt.Sprintf(d.t.WA.Linked, visible(msg.event.Account)))
		return d.waStateCmd()
	case sender.LinkExpired:
		ws.linking, ws.qr = false, nil
		d.fail(d.t.WA.Expired)
		return nil
	case sender.LinkFailed:
		ws.linking, ws.qr = false, nil
		d.fail(fmt.Sprintf(d.t.WA.LinkFailed, linkError(msg.event.Err)))
		return nil
	}
	return nextLinkEvent(msg.gen, msg.events)
}

// channelsRead lists the channels the account administers, the one the
// desk sends to selected; a channel from an invite is chosen at once.
func (ws *whatsapp) channelsRead(d *desk, msg channelsMsg) tea.Cmd {
	ws.loading = false
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return nil
	}
	if msg.invite {
		return d.chooseCmd(msg.channels[0])
	}
	ws.channels = msg.channels
	ws.list = listCursor{}
	jid, _ := d.waChannel()
	for i, ch := range ws.channels {
		if ch.JID == jid {
			ws.list.cursor = i
		}
	}
	return nil
}

// channelChosen takes the settings that name the chosen channel, and the
// dispatcher that sends to it.
func (d *desk) channelChosen(msg channelChosenMsg) tea.Cmd {
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return nil
	}
	manualBefore := len(d.settings.DestinationsOf(settings.KindManual))
	d.settings = msg.settings
	if msg.dispatcher != nil {
		d.dispatcher = msg.dispatcher
	}
	text := fmt.Sprintf(d.t.WA.Chosen, visible(msg.channel.Name))
	if len(d.settings.DestinationsOf(settings.KindManual)) < manualBefore {
		text += " " + d.t.WA.ManualOff
	}
	d.say(text)
	// Posts planned for the old destinations follow the new ones.
	cmds := []tea.Cmd{d.dispatchCmd()}
	if !d.statsTicking {
		cmds = append(cmds, d.statsTickCmd())
	}
	return tea.Batch(cmds...)
}

// unlinked takes the state after unlinking.
func (d *desk) unlinked(msg unlinkedMsg) bool {
	d.waState, d.waAccount = msg.state, msg.account
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return false
	}
	d.say(d.t.WA.Unlinked)
	return true
}

func (ws *whatsapp) keyMap(d *desk) keyMap {
	if ws.input != nil {
		return d.keys.input
	}
	return ws.keysNow(d)
}

func (ws *whatsapp) keysNow(d *desk) whatsAppKeys {
	k := d.keys.whatsapp
	admin := d.may(actAdmin)
	enable(!d.waLinked() && admin, &k.LinkQR, &k.LinkPhone)
	enable(d.waLinked() && admin, &k.Channels, &k.Invite)
	enable(len(ws.channels) > 0, &k.Up, &k.Down)
	enable(len(ws.channels) > 0 && admin, &k.Choose)
	enable(d.waState != sender.WANotLinked && admin, &k.Unlink)
	return k
}

func (ws *whatsapp) keyPress(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	if ws.input != nil {
		return ws.inputKeyPress(d, k), nil
	}
	keys := ws.keysNow(d)
	if key.Matches(k, keys.Up, keys.Down) {
		ws.list.keyPress(k, listKeys{Up: keys.Up, Down: keys.Down}, len(ws.channels), len(ws.channels))
		return nil, nil
	}
	switch {
	case key.Matches(k, keys.Close):
		if ws.linking {
			ws.stopLinking()
			return nil, nil
		}
		ws.stopLinking()
		return nil, closeMsg{}
	case key.Matches(k, keys.LinkQR):
		return ws.linkCmd(d, ""), nil
	case key.Matches(k, keys.LinkPhone):
		ws.ask(d, askPhone)
	case key.Matches(k, keys.Channels):
		return ws.channelsCmd(d), nil
	case key.Matches(k, keys.Invite):
		ws.ask(d, askInvite)
	case key.Matches(k, keys.Choose):
		return d.chooseCmd(ws.channels[ws.list.cursor]), nil
	case key.Matches(k, keys.Unlink):
		return nil, askMsg{
			question: fmt.Sprintf(d.t.WA.ConfirmUnlink, visible(d.waAccount)),
			yes:      answer{run: d.unlinkCmd()},
		}
	case key.Matches(k, keys.Help):
		return nil, showMsg{screenHelp}
	case key.Matches(k, keys.Quit):
		return nil, quitMsg{}
	}
	return nil, nil
}

// ask opens the line where the phone number or the invite link is typed.
func (ws *whatsapp) ask(d *desk, what waAsk) {
	in := textinput.New()
	in.SetStyles(inputStyles(d.styles))
	in.SetWidth(max(d.width-4, 10))
	in.Prompt = "> "
	in.Placeholder = d.t.WA.PhonePlaceholder
	if what == askInvite {
		in.Placeholder = d.t.WA.InvitePlaceholder
	}
	in.Focus()
	ws.input, ws.asked = &in, what
}

func (ws *whatsapp) inputKeyPress(d *desk, k tea.KeyPressMsg) tea.Cmd {
	keys := d.keys.input
	switch {
	case key.Matches(k, keys.Cancel):
		ws.input = nil
		return nil
	case key.Matches(k, keys.Submit):
		text := strings.TrimSpace(ws.input.Value())
		what := ws.asked
		ws.input = nil
		if text == "" {
			return nil
		}
		if what == askPhone {
			phone := digits(text)
			if len(phone) < 8 {
				d.fail(d.t.WA.BadPhone)
				return nil
			}
			return ws.linkCmd(d, phone)
		}
		return ws.inviteCmd(d, text)
	}
	return ws.forward(k)
}

// forward hands what is typed (keys, pastes) to the line being typed.
func (ws *whatsapp) forward(msg tea.Msg) tea.Cmd {
	if ws.input == nil {
		return nil
	}
	in, cmd := ws.input.Update(msg)
	ws.input = &in
	return cmd
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

// linkError is why linking failed, in one line.
func linkError(err error) string {
	if err == nil {
		return "?"
	}
	return visible(firstLine(err.Error()))
}
