package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/sender"
)

// heading is the right of the title line.
func (ws *whatsapp) heading(d *desk) string { return d.styles.Muted.Render(d.t.WA.Title) }

// View draws the account, the connection and the channel, then the line
// being typed, the code to scan, or the channels.
func (ws *whatsapp) View(d *desk, w, h int) string {
	st := d.styles
	lines := []string{""}
	field := func(label, value string) string {
		return "  " + st.Muted.Render(padRight(label, 12)) + value
	}
	account := st.Faint.Render(d.t.WA.NoAccount)
	if d.waAccount != "" {
		account = st.App.Render(visible(d.waAccount))
	}
	lines = append(lines,
		field(d.t.WA.Account, account),
		field(d.t.WA.Connection, d.waStateText(d.waState)))
	jid, name := d.waChannel()
	channel := st.Faint.Render(d.t.WA.NoChannel)
	if jid != "" {
		channel = st.App.Render(visible(name)) + st.Faint.Render(" "+visible(jid))
	}
	lines = append(lines, field(d.t.WA.Channel, channel), "")

	switch {
	case ws.input != nil:
		prompt := d.t.WA.PhonePrompt
		if ws.asked == askInvite {
			prompt = d.t.WA.InvitePrompt
		}
		lines = append(lines, para(st.App, prompt, w)...)
		lines = append(lines, "  "+ws.input.View())
	case ws.linking:
		lines = append(lines, ws.viewLinking(d, w, h-len(lines))...)
	default:
		lines = append(lines, ws.viewChannels(d, w)...)
	}
	return strings.Join(lines, "\n")
}

// para is text wrapped to the screen, indented by two cells.
func para(style lipgloss.Style, text string, w int) []string {
	var out []string
	for _, l := range wrapText(text, max(w-4, 10)) {
		out = append(out, "  "+style.Render(l))
	}
	return out
}

// viewLinking is the code to scan or to type, and the time left.
func (ws *whatsapp) viewLinking(d *desk, w, h int) []string {
	st := d.styles
	ev := ws.event
	left := ""
	if !ev.Expires.IsZero() {
		secs := int(ev.Expires.Sub(d.now()).Seconds())
		left = st.Muted.Render("  " + fmt.Sprintf(d.t.WA.SecondsLeft, max(secs, 0)))
	}
	switch ev.Kind {
	case sender.LinkPairCode:
		code := ev.Code
		if len(code) == 8 {
			code = code[:4] + "-" + code[4:]
		}
		out := para(st.App, d.t.WA.PairHow, w)
		return append(out, "", "      "+st.Brand.Render(visible(code)), "", left)
	case sender.LinkQR:
		qrW := 0
		if len(ws.qr) > 0 {
			qrW = cells(ws.qr[0])
		}
		need := len(ws.qr) + 2
		if qrW+4 > w || need > h {
			return append(para(st.Error, fmt.Sprintf(d.t.WA.TooSmall, qrW+4, need+8), w), left)
		}
		// Black on white whatever the terminal's colours: phones read a
		// dark code on a light ground.
		code := lipgloss.NewStyle().Foreground(lipgloss.Color("#000000")).Background(lipgloss.Color("#ffffff"))
		out := []string{"  " + ansi.Truncate(st.App.Render(d.t.WA.ScanHow)+left, max(w-2, 1), "…")}
		for _, l := range ws.qr {
			out = append(out, "  "+code.Render(l))
		}
		return out
	}
	return []string{"  " + st.Muted.Render(d.t.WA.Starting)}
}

// viewChannels lists the channels the account administers.
func (ws *whatsapp) viewChannels(d *desk, w int) []string {
	st := d.styles
	switch {
	case !d.waLinked():
		out := para(st.App, d.t.WA.HowToLink, w)
		return append(append(out, ""), para(st.Faint, d.t.WA.Risk, w)...)
	case ws.loading:
		return []string{"  " + st.Muted.Render(d.t.WA.Loading)}
	case ws.channels == nil:
		return []string{"  " + st.Muted.Render(d.t.WA.PressChannels)}
	case len(ws.channels) == 0:
		return para(st.Muted, d.t.WA.NoChannels, w)
	}
	jid, _ := d.waChannel()
	out := []string{"  " + st.Header.Render(d.t.WA.ChannelsTitle)}
	nameW := 0
	for _, ch := range ws.channels {
		nameW = max(nameW, cells(visible(ch.Name)))
	}
	nameW = min(nameW, max(w/2, 10))
	for i, ch := range ws.channels {
		cursor, mark := "  ", "  "
		if i == ws.list.cursor {
			cursor = st.Brand.Render("▸ ")
		}
		if ch.JID == jid {
			mark = st.OK.Render("✓ ")
		}
		followers := d.t.N(d.t.WA.Followers, ch.Followers)
		name := padRight(ansi.Truncate(visible(ch.Name), nameW, "…"), nameW)
		line := cursor + mark + st.App.Render(name) + st.Muted.Render(" "+followers+" · "+visible(ch.Role))
		out = append(out, ansi.Truncate(line, w, "…"))
	}
	return out
}

// waStateText is the connection's state as the desk shows it.
func (d *desk) waStateText(s sender.WAState) string {
	st := d.styles
	text := d.t.WA.States[s]
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
func (d *desk) waBadge(short bool) string {
	if d.wa == nil || (d.waState == sender.WANotLinked && !d.waConfigured()) {
		return ""
	}
	text := d.waStateText(d.waState)
	if short {
		symbol, _, _ := strings.Cut(ansi.Strip(text), " ")
		style := d.styles.Muted
		switch d.waState {
		case sender.WAConnected:
			style = d.styles.OK
		case sender.WALoggedOut:
			style = d.styles.Error
		}
		return d.styles.Muted.Render("WhatsApp ") + style.Render(symbol)
	}
	if d.waState == sender.WALoggedOut {
		return d.styles.Error.Render(d.t.WA.LoggedOutBanner)
	}
	return d.styles.Muted.Render("WhatsApp ") + text
}
