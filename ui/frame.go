package ui

import (
	"crieur/ui/textedit"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The frame around every screen: the title line above, the footer line
// below, and the helpers that lay text out in cells.

// titleBar is the first line of every screen: the desk, the channel, and
// what the screen is about on the right; pending counts the sends that
// wait for a person's word.
func (d *desk) titleBar(w int, right string, pending int) string {
	st := d.styles
	left := st.Brand.Render("crieur") + st.Faint.Render(" · ") + st.Channel.Render(visible(d.settings.Channel.Name))
	// On the team desk, who else is here.
	if d.member != nil && len(d.others) > 0 {
		names := make([]string, len(d.others))
		for i, n := range d.others {
			names[i] = visible(n)
		}
		left += st.Faint.Render(" · ") + st.Muted.Render(fmt.Sprintf(d.t.Team.Others, strings.Join(names, ", ")))
	}
	// Sends to paste, and those that may or may not have gone out, wait
	// for a person: every screen says so, naming the key that lists them,
	// until they are settled.
	if pending > 0 {
		right = st.Error.Render(d.t.N(d.t.Settle.Banner, pending, d.keys.backlog.Pending.Help().Key)) + st.Faint.Render(" · ") + right
	}
	// A slot reserved by the meeting that its post will not fill by
	// itself: every screen says so until a person decides.
	if n := len(d.late); n > 0 {
		right = st.Warning.Render(d.t.N(d.t.Meet.Screen.LateBanner, n)) + st.Faint.Render(" · ") + right
	}
	// The connection's state, in words when there is room, else as its
	// symbol alone.
	if badge := d.waBadge(false); badge != "" {
		full := badge + st.Faint.Render(" · ") + right
		if ansi.StringWidth(left)+1+ansi.StringWidth(full) <= w {
			right = full
		} else {
			right = d.waBadge(true) + st.Faint.Render(" · ") + right
		}
	}
	// Short of room, the channel's name gives way before what the screen
	// says on the right.
	if gap := w - ansi.StringWidth(left) - ansi.StringWidth(right); gap < 1 {
		room := w - ansi.StringWidth(right) - 1
		if room < len("crieur")+2 {
			return ansi.Truncate(left, w, "…")
		}
		left = ansi.Truncate(left, room, "…")
	}
	gap := w - ansi.StringWidth(left) - ansi.StringWidth(right)
	return left + strings.Repeat(" ", max(gap, 1)) + right
}

// footerSep is what stands between two keys on the footer.
const footerSep = " · "

// keysLine draws a key map on the footer with bubbles' help: its always
// bindings (help, quit) whatever the width, and before them as many of
// the others, in order, as fit.
func (d *desk) keysLine(km keyMap, w int) string {
	main, always := km.footer()
	always = enabled(always)
	sep := cells(footerSep)
	used := -sep
	for _, b := range always {
		used += bindingWidth(b) + sep
	}
	shown := make([]key.Binding, 0, len(main)+len(always))
	for _, b := range main {
		if !b.Enabled() {
			continue
		}
		need := bindingWidth(b) + sep
		if used+need > w {
			break
		}
		used += need
		shown = append(shown, b)
	}
	shown = append(shown, always...)
	var k strings.Builder
	k.WriteString(strconv.Itoa(w))
	for _, b := range shown {
		k.WriteByte(0)
		k.WriteString(b.Help().Key)
		k.WriteByte(1)
		k.WriteString(b.Help().Desc)
	}
	return d.keysDrawn.get(d.styles, k.String(), func() string {
		h := help.New()
		h.ShortSeparator = footerSep
		h.Styles = d.styles.Help
		return ansi.Truncate(h.ShortHelpView(shown), w, "")
	})
}

func bindingWidth(b key.Binding) int { return cells(b.Help().Key) + 1 + cells(b.Help().Desc) }

func enabled(bs []key.Binding) []key.Binding {
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}

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

func padRight(s string, w int) string {
	return s + strings.Repeat(" ", max(w-cells(s), 0))
}

func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

// joinColumns puts two blocks side by side, the left one padded to lw.
func joinColumns(left, right string, lw, gap int) string {
	l, r := splitLines(left), splitLines(right)
	n := max(len(l), len(r))
	out := make([]string, n)
	for i := range n {
		var a, b string
		if i < len(l) {
			a = l[i]
		}
		if i < len(r) {
			b = r[i]
		}
		// Measured without ANSI's grapheme walk when the line fits, as
		// nearly every line does.
		aw := width(a)
		if aw > lw {
			a = ansi.Truncate(a, lw, "")
			aw = width(a)
		}
		out[i] = a + strings.Repeat(" ", max(lw-aw, 0)+gap) + b
	}
	return strings.Join(out, "\n")
}

// plainLines cuts text to h lines of at most w cells, control characters
// made visible.
func plainLines(text string, w, h int) string {
	lines := splitLines(visibleKeepNewlines(text))
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, max(w, 1), "…")
	}
	return strings.Join(lines, "\n")
}

// inputStyles are the text fields' styles, with a steady cursor: a
// blinking one redraws the whole screen twice a second for nothing.
func inputStyles(st *Styles) textinput.Styles {
	is := textinput.DefaultStyles(st.Dark)
	is.Cursor.Blink = false
	is.Focused.Text, is.Blurred.Text = st.App, st.App
	is.Focused.Placeholder, is.Blurred.Placeholder = st.Faint, st.Faint
	// What the desk does not show keeps colours that read all the same.
	is.Focused.Prompt, is.Blurred.Prompt = st.Muted, st.Muted
	is.Focused.Suggestion, is.Blurred.Suggestion = st.Muted, st.Muted
	return is
}

// textFieldStyles are the multi-line fields' styles: the text keeps the
// desk's own colour, so it reads well on a light background too, and the
// cursor is that colour reversed.
func textFieldStyles(st *Styles) textedit.Styles {
	return textedit.Styles{Text: st.App, Placeholder: st.Faint, Cursor: st.App.Reverse(true)}
}

// View draws the title line, the screen showing, and the footer: one
// line of keys, or a question or a message wrapped to be read whole.
func (m Model) View() tea.View {
	d := &m.desk
	w, h := max(m.width, 1), max(m.height, 2)
	p := m.page()
	footer := m.footer(w)
	// The footer takes the lines it needs, up to half the screen.
	if lines := splitLines(footer); len(lines) > max(h/2, 1) {
		footer = strings.Join(lines[len(lines)-max(h/2, 1):], "\n")
	}
	fh := len(splitLines(footer))
	body := d.titleBar(w, p.heading(d), len(d.pendingSends)) + "\n" + p.View(d, w, max(h-1-fh, 0))
	frame := fit(body, w, h-fh) + "\n" + footer
	if m.height < 2 {
		lines := splitLines(footer)
		frame = lines[len(lines)-1]
	}
	v := tea.NewView(frame)
	v.AltScreen = true
	v.WindowTitle = "crieur"
	return v
}

// footer is the question being asked, else the last message, else the
// screen's keys.
func (m *Model) footer(w int) string {
	d := &m.desk
	switch {
	case m.urgent != nil:
		return m.urgent.View(d, w)
	case m.confirm != nil:
		return m.confirm.View(d, w)
	case d.message != "":
		st := d.styles.Message
		if d.isError {
			st = d.styles.Error
		}
		return wrapStyled(visible(d.message), w, st.Render)
	}
	return d.keysLine(m.page().keyMap(d), w)
}
