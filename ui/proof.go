package ui

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/message"
	"crieur/sender"
	"crieur/store"
	"crieur/ui/phone"
)

// proof is a post as it will go out: the outgoing message, what the checks
// found, and the phone drawing of it. It is recomputed in Update when the
// post, the width or a theme changes; View only reads it. The editor has
// one beside its form, the full-screen preview has one.
type proof struct {
	post     store.Post
	key      string // the content the message and problems were made from
	msg      message.Message
	problems []message.Problem
	image    []string // the image drawn by phone.ImageBlock
	imageFor string   // picture and width the image rows are for
	expanded bool     // "Read more" pressed
	phone    string   // the drawing
	// typing: the checks of a changed text run in a Cmd, off the key's
	// path, as they do in the editor: they read the whole text, and a
	// key typed must cost the same whatever its length. The first checks
	// of a post run at once, so that it opens with them.
	typing bool
}

func imageKey(picture string, width int) string { return fmt.Sprintf("%d\x00%s", width, picture) }

// phoneWidth is the width of the phone frame in a pane of w cells.
func (d *desk) phoneWidth(w int) int { return min(d.settings.Preview.Width, w) }

func (d *desk) phoneDarkMode() bool {
	if d.phoneDark != nil {
		return *d.phoneDark
	}
	return d.styles.Dark
}

func (d *desk) togglePhoneTheme() {
	dark := !d.phoneDarkMode()
	d.phoneDark = &dark
}

// refresh rebuilds the outgoing message and the checks when the post
// changed, and redraws the phone (a cache hit when nothing it shows did).
// It returns the command that decodes the image when a new one is needed.
func (pr *proof) refresh(d *desk, p store.Post, width int) tea.Cmd {
	k := strings.Join([]string{p.Title, p.Category, p.Link, sender.PictureKey(p), p.Alt, p.Body}, "\x00")
	var checks tea.Cmd
	if k != pr.key || pr.post.ID != p.ID {
		pr.msg = sender.Build(p, d.settings)
		if pr.typing && pr.key != "" && pr.post.ID == p.ID {
			checks = d.checksCmd(p, k)
		} else {
			pr.problems = d.checks(p)
		}
		pr.key = k
	}
	pr.post = p
	var cmd tea.Cmd
	pw := d.phoneWidth(width)
	if p.Image == "" {
		pr.image, pr.imageFor = nil, ""
	} else if ik := imageKey(sender.PictureKey(p), phone.ImageWidth(pw)); ik != pr.imageFor {
		pr.imageFor, pr.image = ik, nil
		st, iw := d.st, phone.ImageWidth(pw)
		cmd = func() tea.Msg {
			// The picture the data file keeps, or the file just typed, read
			// as a save reads it; one that cannot be drawn is a placeholder.
			b, _ := sender.PictureToShow(context.Background(), st, p)
			rows, _ := phone.ImageBlock(b, iw)
			return imageMsg{key: ik, rows: rows}
		}
	}
	pr.phone = d.phones.Render(pr.msg, phone.Options{
		Width:     pw,
		Dark:      d.phoneDarkMode(),
		Expanded:  pr.expanded,
		ReadMore:  d.settings.Preview.ReadMore,
		Channel:   d.settings.Channel.Name,
		Followers: d.settings.Channel.Followers,
		Time:      d.now(),
		Loc:       d.loc,
		Words:     phone.Words(d.t.Phone),
		ImageRows: pr.image,
		Stats:     d.sentStats(p),
	})
	return tea.Batch(cmd, checks)
}

// checked takes checks run in the background, if they are those of the
// text as it is now.
func (pr *proof) checked(msg checkedMsg) {
	if msg.key == pr.key {
		pr.problems = msg.problems
	}
}

// imageLoaded takes an image decoded in the background, if it is the one
// the proof waits for.
func (pr *proof) imageLoaded(d *desk, msg imageMsg, width int) {
	if pr.imageFor == msg.key {
		pr.image = msg.rows
		pr.phone = ""
		pr.refresh(d, pr.post, width)
	}
}

// problemLines lists the checks' findings, errors first, one per line.
func (d *desk) problemLines(problems []message.Problem, w int) []string {
	var out []string
	for _, b := range d.problemBlocks(problems, w) {
		out = append(out, b...)
	}
	return out
}

// problemBlocks are the checks' lines, one block a check, each wrapped to
// w cells under its mark: a check is read whole, never cut.
func (d *desk) problemBlocks(problems []message.Problem, w int) [][]string {
	st := d.styles
	if len(problems) == 0 {
		return [][]string{{st.OK.Render("✓ " + d.t.ChecksOK)}}
	}
	var out [][]string
	for _, level := range []message.Level{message.Error, message.Warning} {
		for _, p := range problems {
			if p.Level != level {
				continue
			}
			text := d.t.Check[p.Code]
			if text == "" {
				text = p.Code
			}
			if p.Detail != "" {
				sep := ": "
				if d.t.Lang == "fr" {
					sep = "\u202f: "
				}
				text += sep + visible(d.unpath(p.Detail))
			}
			mark, style := "✗ ", st.Error
			if level == message.Warning {
				mark, style = "! ", st.Warning
			}
			var block []string
			for i, l := range splitLines(ansi.Wrap(text, max(w-2, 8), "")) {
				lead := "  "
				if i == 0 {
					lead = mark
				}
				block = append(block, style.Render(lead+strings.TrimRight(l, " ")))
			}
			out = append(out, block)
		}
	}
	return out
}

// sentStats are the stats the phone shows under a sent post.
func (d *desk) sentStats(p store.Post) *phone.Stats {
	if p.Status != store.StatusSent {
		return nil
	}
	return d.phoneStats(p.ID)
}
