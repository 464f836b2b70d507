package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/message"
	"crieur/sender"
	"crieur/store"
	"crieur/ui/phone"
)

// proof is a post as it will go out: the outgoing message, what the checks
// found, and the phone drawing of it. It is recomputed in Update when the
// post, the width or a theme changes; View only reads it.
type proof struct {
	post     store.Post
	key      string // the content the message and problems were made from
	msg      message.Message
	problems []message.Problem
	image    []string // the image drawn by phone.ImageBlock
	imageFor string   // path and width the image rows are for
	expanded bool     // "Read more" pressed
	phone    string   // the drawing
	scroll   int      // first phone line shown, on the full-screen preview
}

// imageMsg brings back an image decoded off the UI's path.
type imageMsg struct {
	key  string
	rows []string
}

func imageKey(path string, width int) string { return fmt.Sprintf("%d\x00%s", width, path) }

// phoneWidth is the width of the phone frame in a pane of w cells.
func (m Model) phoneWidth(w int) int { return min(m.settings.Preview.Width, w) }

func (m Model) phoneDarkMode() bool {
	if m.phoneDark != nil {
		return *m.phoneDark
	}
	return m.styles.Dark
}

// refresh rebuilds the outgoing message and the checks when the post
// changed, and redraws the phone (a cache hit when nothing it shows did).
// It returns the command that decodes the image when a new one is needed.
func (m *Model) refresh(pr *proof, p store.Post, width int) tea.Cmd {
	k := strings.Join([]string{p.Title, p.Category, p.Link, p.Image, p.Alt, p.Body}, "\x00")
	if k != pr.key || pr.post.ID != p.ID {
		pr.key = k
		pr.msg = sender.Build(p, m.settings)
		pr.problems = m.checks(p)
	}
	pr.post = p
	var cmd tea.Cmd
	pw := m.phoneWidth(width)
	if p.Image == "" {
		pr.image, pr.imageFor = nil, ""
	} else if ik := imageKey(p.Image, phone.ImageWidth(pw)); ik != pr.imageFor {
		pr.imageFor, pr.image = ik, nil
		path, iw := p.Image, phone.ImageWidth(pw)
		cmd = func() tea.Msg {
			rows, _ := phone.ImageBlock(path, iw) // a missing image draws a placeholder
			return imageMsg{key: ik, rows: rows}
		}
	}
	pr.phone = m.phones.Render(pr.msg, phone.Options{
		Width:     pw,
		Dark:      m.phoneDarkMode(),
		Expanded:  pr.expanded,
		ReadMore:  m.settings.Preview.ReadMore,
		Channel:   m.settings.Channel.Name,
		Followers: m.settings.Channel.Followers,
		Time:      m.now(),
		Loc:       m.loc,
		Words:     phone.Words(m.t.Phone),
		ImageRows: pr.image,
		Stats:     m.sentStats(p),
	})
	return cmd
}

// problemLines lists the checks' findings, errors first, one per line.
func (m Model) problemLines(problems []message.Problem, w int) []string {
	st := &m.styles
	if len(problems) == 0 {
		return []string{st.OK.Render("✓ " + m.t.ChecksOK)}
	}
	var out []string
	for _, level := range []message.Level{message.Error, message.Warning} {
		for _, p := range problems {
			if p.Level != level {
				continue
			}
			text := m.t.Check[p.Code]
			if text == "" {
				text = p.Code
			}
			if p.Detail != "" {
				text += " : " + visible(p.Detail)
				if m.t.Lang != "fr" {
					text = strings.Replace(text, " : ", ": ", 1)
				}
			}
			mark, style := "✗ ", st.Error
			if level == message.Warning {
				mark, style = "! ", st.Warning
			}
			out = append(out, style.Render(ansi.Truncate(mark+text, w, "…")))
		}
	}
	return out
}

// previewPane is the editor's right half: the checks, then the phone.
func (m Model) previewPane(w, h int) string {
	e := m.editor
	lines := m.problemLines(e.proof.problems, w)
	if len(lines) > 4 {
		more := len(lines) - 3
		lines = append(lines[:3], m.styles.Muted.Render(fmt.Sprintf(m.t.MoreChecks, more)))
	}
	lines = append(lines, "")
	lines = append(lines, splitLines(e.proof.phone)...)
	return fit(strings.Join(lines, "\n"), w, h)
}

// preview is the full-screen phone preview of one post.
type preview struct {
	proof proof
	from  screen
	// pubs are where a sent post was published on WhatsApp.
	pubs []store.Publication
}

type previewLoadedMsg struct {
	post store.Post
	pubs []store.Publication
	err  error
}

func (m Model) loadPreviewCmd(id string) tea.Cmd {
	st := m.st
	return func() tea.Msg {
		p, err := st.Post(id)
		if err != nil || p.Status != store.StatusSent {
			return previewLoadedMsg{post: p, err: err}
		}
		pubs, err := st.Publications(id)
		return previewLoadedMsg{post: p, pubs: pubs, err: err}
	}
}

// showPreview opens the full-screen preview of p.
func (m Model) showPreview(p store.Post, pubs []store.Publication) (tea.Model, tea.Cmd) {
	from := m.screen
	m.preview = &preview{from: from, pubs: pubs}
	m.screen = screenPreview
	return m, tea.Batch(m.refresh(&m.preview.proof, p, m.width/2), m.fetchCardCmd(p, false))
}

func (m Model) updatePreview(msg tea.Msg) (tea.Model, tea.Cmd) {
	pv := m.preview
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	keys := m.keys
	phoneLines := strings.Count(pv.proof.phone, "\n") + 1
	h := max(m.height-2, 1)
	switch {
	case key.Matches(k, keys.Close), key.Matches(k, keys.Preview):
		m.screen, m.preview = pv.from, nil
		return m, nil
	case key.Matches(k, keys.Down):
		pv.proof.scroll = min(pv.proof.scroll+1, max(phoneLines-h, 0))
	case key.Matches(k, keys.Up):
		pv.proof.scroll = max(pv.proof.scroll-1, 0)
	case key.Matches(k, keys.PgDown):
		pv.proof.scroll = min(pv.proof.scroll+h, max(phoneLines-h, 0))
	case key.Matches(k, keys.PgUp):
		pv.proof.scroll = max(pv.proof.scroll-h, 0)
	case key.Matches(k, keys.ReadMore):
		pv.proof.expanded = !pv.proof.expanded
	case key.Matches(k, keys.PhoneTheme):
		m.togglePhoneTheme()
	case key.Matches(k, keys.RefreshCard):
		return m, m.fetchCardCmd(pv.proof.post, true)
	case key.Matches(k, keys.Validate), key.Matches(k, keys.Revoke):
		// What is validated is what is stored: unsaved typing first.
		if m.editor != nil && m.editor.post.ID == pv.proof.post.ID && m.editor.dirty() {
			m.fail(m.t.MsgSaveFirst)
			return m, nil
		}
		if pv.proof.post.Rev == 0 {
			m.fail(m.t.MsgSaveFirst)
			return m, nil
		}
		return m, m.loadToValidateCmd(pv.proof.post.ID, key.Matches(k, keys.Revoke))
	case key.Matches(k, keys.RefreshStats):
		return m, m.refreshStatsCmd(true)
	case key.Matches(k, keys.Correct), key.Matches(k, keys.Withdraw):
		return m.askCorrection(pv.proof.post.ID, pv.proof.post.Title, key.Matches(k, keys.Withdraw))
	case key.Matches(k, keys.Help):
		m.helpFrom, m.screen = screenPreview, screenHelp
		return m, nil
	case key.Matches(k, keys.Quit):
		return m.quit()
	}
	return m, m.refresh(&pv.proof, pv.proof.post, m.width/2)
}

func (m *Model) togglePhoneTheme() {
	dark := !m.phoneDarkMode()
	m.phoneDark = &dark
}

func (m Model) viewPreview(w, h int) string {
	pv := m.preview
	st := &m.styles
	p := pv.proof.post
	head := m.titleBar(w, st.Muted.Render(m.t.PreviewTitle+" · ")+m.title(p.Title))
	phoneLines := splitLines(pv.proof.phone)
	start := min(pv.proof.scroll, max(len(phoneLines)-1, 0))
	phoneLines = phoneLines[start:]
	pw := m.phoneWidth(w / 2)
	left := fit(strings.Join(phoneLines, "\n"), pw, h-1)
	side := []string{
		st.StatusStyle(p.Status).Render(m.t.Status(string(p.Status))) + st.Muted.Render(" · "+m.t.Category(visible(p.Category))),
		"",
		st.PaneTitle.Render(m.t.ChecksTitle),
	}
	rw := max(w-pw-3, 1)
	side = append(side, m.problemLines(pv.proof.problems, rw)...)
	if line := m.validationLine(p); line != "" {
		side = append(side, "", st.OK.Render(ansi.Truncate(line, rw, "…")))
	}
	if p.Status == store.StatusSent {
		side = append(side, m.publicationLines(pv.pubs, p.ID, rw)...)
	}
	if w < pw+24 {
		return head + "\n" + left
	}
	return head + "\n" + joinColumns(left, strings.Join(side, "\n"), pw, 3)
}

// sentStats are the stats the phone shows under a sent post.
func (m Model) sentStats(p store.Post) *phone.Stats {
	if p.Status != store.StatusSent {
		return nil
	}
	return m.phoneStats(p.ID)
}

// checks runs the checks of a post, with the hard limits of the
// destinations the desk sends to (a photo caption's on Telegram when the
// post has an image).
func (m Model) checks(p store.Post) []message.Problem {
	var limits message.Limits
	if m.dispatcher != nil && len(m.dispatcher.Backends) > 0 {
		backends := make([]sender.Backend, 0, len(m.dispatcher.Backends))
		for _, b := range m.dispatcher.Backends {
			backends = append(backends, b)
		}
		limits = sender.LimitsFor(sender.Build(p, m.settings), backends...)
	}
	return sender.Check(p, m.settings, limits, m.now())
}
