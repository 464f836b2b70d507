package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/sender"
	"crieur/store"
)

// Sends that wait for a person's word: those by copy and paste, whose text
// is to paste in WhatsApp, and those of unknown outcome, which may have
// gone out. Every screen's title line counts them and names the key that
// lists them; m and f settle them on the backlog, the week and this list
// (M and F in the preview, where m reads "Read more").

// loadPendingCmd reads the sends to settle and their posts.
func (d *desk) loadPendingCmd() tea.Cmd {
	st := d.st
	return func() tea.Msg {
		sends, err := st.ToSettle()
		if err != nil {
			return pendingMsg{err: err}
		}
		posts := make(map[string]store.Post, len(sends))
		for _, s := range sends {
			if _, ok := posts[s.Post]; ok {
				continue
			}
			p, err := st.Post(s.Post)
			if err != nil {
				return pendingMsg{err: err}
			}
			posts[s.Post] = p
		}
		return pendingMsg{sends: sends, posts: posts}
	}
}

// pendingLoaded takes the sends to settle as the store read them.
func (d *desk) pendingLoaded(msg pendingMsg) {
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return
	}
	d.pendingSends, d.pendingPosts = msg.sends, msg.posts
}

// pendingOf is a post's sends to settle.
func (d *desk) pendingOf(postID string) []store.Send {
	var out []store.Send
	for _, s := range d.pendingSends {
		if s.Post == postID {
			out = append(out, s)
		}
	}
	return out
}

// toPaste reports whether a post has a text waiting to be pasted.
func (d *desk) toPaste(postID string) bool {
	for _, s := range d.pendingSends {
		if s.Post == postID && s.State == store.SendPaste {
			return true
		}
	}
	return false
}

// settleSendsCmd records a person's word on sends to settle: they went out,
// or they did not (and may go again).
func (d *desk) settleSendsCmd(sends []store.Send, title string, went bool) tea.Cmd {
	st, who := d.st, d.who
	return func() tea.Msg {
		var done []store.Send
		for _, s := range sends {
			if s.State != store.SendUnknown && s.State != store.SendPaste {
				continue
			}
			snd, err := st.Resolve(s.ID, went, who)
			if err != nil {
				return settledMsg{sends: done, title: title, went: went, err: err}
			}
			done = append(done, snd)
		}
		return settledMsg{sends: done, title: title, went: went}
	}
}

// settled says what a person's word did.
func (d *desk) settled(msg settledMsg) {
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return
	}
	if len(msg.sends) == 0 {
		d.fail(d.t.Settle.MsgNothing)
		return
	}
	dests := make([]string, len(msg.sends))
	for i, s := range msg.sends {
		dests[i] = visible(s.Destination)
	}
	format := d.t.Settle.MsgNotWent
	if msg.went {
		format = d.t.Settle.MsgWent
	}
	d.say(fmt.Sprintf(format, d.title(msg.title), strings.Join(dests, ", ")))
}

// pasteText is the exact text a send to paste delivers: the post's
// outgoing message.
func (d *desk) pasteText(p store.Post) string { return sender.Build(p, d.settings).Text }

// copyCmd copies a text to paste again: to the terminal (OSC 52), and to
// the system clipboard where there is one, saying which took it.
func (d *desk) copyCmd(title, text string) tea.Cmd {
	clip := d.clipboard
	system := func() tea.Msg {
		if clip == nil {
			return copiedMsg{title: title}
		}
		if err := clip.Copy(text); err != nil {
			return copiedMsg{title: title, why: firstLine(err.Error())}
		}
		return copiedMsg{title: title, copied: true}
	}
	return tea.Batch(tea.SetClipboard(text), system)
}

// copied says where a text to paste was copied again.
func (d *desk) copied(msg copiedMsg) {
	d.say(fmt.Sprintf(d.t.Settle.MsgCopiedAgain, d.title(msg.title), d.copiedWhere(msg.copied, msg.why)))
}

// copiedWhere says, as it is, where a text to paste was copied.
func (d *desk) copiedWhere(copied bool, why string) string {
	if copied {
		return d.t.Settle.CopiedBoth
	}
	where := d.t.Settle.CopiedTerminal
	if why != "" {
		where += fmt.Sprintf(d.t.Settle.Why, visible(why))
	}
	return where
}

// pendingScreen lists the sends to settle; beside the selected one, what
// to do, and for a text to paste the text exactly as it is to be posted
// and the file that holds it.
type pendingScreen struct {
	from   screen
	list   listCursor
	scroll listCursor // the detail's lines
	// focusOn is the send to select once the list is read again (a send
	// just made, not listed yet).
	focusOn string
}

func newPendingScreen(from screen) *pendingScreen { return &pendingScreen{from: from} }

// focus selects a send, when it is listed.
func (ps *pendingScreen) focus(d *desk, id string) {
	for i, s := range d.pendingSends {
		if s.ID == id {
			ps.list.cursor, ps.scroll = i, listCursor{}
		}
	}
}

func (ps *pendingScreen) selected(d *desk) (store.Send, bool) {
	if ps.list.cursor < 0 || ps.list.cursor >= len(d.pendingSends) {
		return store.Send{}, false
	}
	return d.pendingSends[ps.list.cursor], true
}

// reloaded keeps the cursor on a send once the list was read again, or
// puts it on the send it was to select.
func (ps *pendingScreen) reloaded(d *desk) {
	ps.list.clamp(len(d.pendingSends), ps.rows(d))
	if ps.focusOn != "" {
		ps.focus(d, ps.focusOn)
		ps.focusOn = ""
	}
}

func (ps *pendingScreen) keyMap(d *desk) keyMap { return ps.keysNow(d) }

func (ps *pendingScreen) keysNow(d *desk) pendingKeys {
	k := d.keys.pending
	snd, ok := ps.selected(d)
	enable(ok, &k.Preview, &k.Up, &k.Down)
	// Settling a send, and pasting its text, are a validator's on the
	// team desk.
	enable(ok && d.may(actSend), &k.Went, &k.NotWent)
	enable(ok && snd.State == store.SendPaste && d.may(actSend), &k.Copy)
	enable(false, &k.Pending) // this is the list
	return k
}

// rows is how many sends the list shows: a third of the screen at most.
func (ps *pendingScreen) rows(d *desk) int { return max(min(len(d.pendingSends), (d.height-4)/3), 1) }

func (ps *pendingScreen) keyPress(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	keys := ps.keysNow(d)
	snd, _ := ps.selected(d)
	p := d.pendingPosts[snd.Post]
	switch {
	case key.Matches(k, keys.Down):
		ps.list.move(1, len(d.pendingSends), ps.rows(d))
		ps.scroll = listCursor{}
	case key.Matches(k, keys.Up):
		ps.list.move(-1, len(d.pendingSends), ps.rows(d))
		ps.scroll = listCursor{}
	case key.Matches(k, keys.PgDown), key.Matches(k, keys.PgUp):
		step := ps.room(d)
		if key.Matches(k, keys.PgUp) {
			step = -step
		}
		n := len(ps.detail(d, snd, d.width))
		ps.scroll.move(step, max(n-ps.room(d)+1, 1), 1)
	case key.Matches(k, keys.Went, keys.NotWent):
		return d.settleSendsCmd([]store.Send{snd}, p.Title, key.Matches(k, keys.Went)), nil
	case key.Matches(k, keys.Copy):
		return d.copyCmd(p.Title, d.pasteText(p)), nil
	case key.Matches(k, keys.Preview):
		return d.loadPreviewCmd(snd.Post), nil
	case key.Matches(k, keys.Close):
		return nil, closeMsg{}
	case key.Matches(k, keys.Help):
		return nil, showMsg{screenHelp}
	case key.Matches(k, keys.Quit):
		return nil, quitMsg{}
	}
	return nil, nil
}

func (ps *pendingScreen) heading(d *desk) string {
	return d.styles.Muted.Render(d.t.Settle.Title)
}

func (ps *pendingScreen) View(d *desk, w, h int) string {
	st := d.styles
	lines := []string{""}
	if len(d.pendingSends) == 0 {
		return strings.Join(append(lines, st.Muted.Render("  "+d.t.Settle.Empty)), "\n")
	}
	snd, _ := ps.selected(d)
	rows := ps.rows(d)
	start, end := ps.list.window(len(d.pendingSends), rows)
	for i := start; i < end; i++ {
		s := d.pendingSends[i]
		queued := s.Queued.In(d.loc)
		text := "  " + padRight(d.t.Settle.States[string(s.State)], 10) + " " + padRight(visible(s.Destination), 10) + " " +
			padRight(d.t.ShortDate(queued)+" "+queued.Format("15:04"), 18) + " " + d.title(d.pendingPosts[s.Post].Title)
		text = ansi.Truncate(text, w, "…")
		if i == ps.list.cursor {
			text = d.cells.selected.paint(padRight("▌"+ansi.Strip(text)[1:], w))
		} else if s.State == store.SendUnknown {
			text = st.Error.Render(text)
		}
		lines = append(lines, text)
	}
	lines = append(lines, "")
	detail := ps.detail(d, snd, w)
	room := max(h-len(lines), 1)
	from := min(max(ps.scroll.cursor, 0), max(len(detail)-room, 0))
	detail = detail[from:min(from+room, len(detail))]
	return strings.Join(append(lines, detail...), "\n")
}

// room is how many lines of detail show under the list.
func (ps *pendingScreen) room(d *desk) int { return max(d.height-2-2-ps.rows(d), 1) }

// detail is what the selected send needs: what to do, the text to paste
// and its file, the facts of the send; wrapped to the width.
func (ps *pendingScreen) detail(d *desk, s store.Send, w int) []string {
	st := d.styles
	words := &d.t.Settle
	p := d.pendingPosts[s.Post]
	var lines []string
	wrap := func(text string, indent int) []string {
		return splitLines(ansi.Wrap(text, max(w-indent, 10), ""))
	}
	add := func(text string, style func(...string) string) {
		for _, l := range wrap(text, 0) {
			lines = append(lines, style(l))
		}
	}
	if s.State == store.SendPaste {
		add(words.PasteHow, st.Bold.Render)
		lines = append(lines, "")
		lines = append(lines, st.PaneTitle.Render(words.TextTitle))
		for _, l := range splitLines(visibleKeepNewlines(d.pasteText(p))) {
			for _, part := range wrap(l, 2) {
				lines = append(lines, "  "+st.App.Render(part))
			}
		}
		lines = append(lines, "")
		if a := s.Last(); a != nil && a.Outbox != "" {
			add(fmt.Sprintf(words.InFile, visible(a.Outbox)), st.Muted.Render)
		}
	} else {
		add(words.UnknownHow, st.Bold.Render)
		if a := s.Last(); a != nil && (a.Err != "" || a.Code != "") {
			add(fmt.Sprintf(words.LastError, d.sendError(a.Code, a.HTTP, a.Err)), st.Error.Render)
		}
	}
	facts := fmt.Sprintf(words.Queued, d.t.Stamp(s.Queued.In(d.loc)))
	if s.Urgent {
		facts += " · " + fmt.Sprintf(words.Urgent, firstLine(s.Reason))
	}
	add(visible(facts), st.Muted.Render)
	return lines
}
