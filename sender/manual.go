package sender

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/atotto/clipboard"
	"github.com/charmbracelet/x/ansi"
)

// ErrToPaste is what the copy-and-paste back-end answers every send with:
// the text is in the outbox (and on the clipboard, when there is one), and
// only the community manager knows when it was posted. Its outcome is
// ToPaste, never retried: the desk and `crieur sends mark` record the
// answer.
var ErrToPaste = errors.New("ready to paste: waiting for a person to post it")

// Clipboard takes the text to paste.
type Clipboard interface {
	Copy(text string) error
}

// ErrNoClipboard: there is no system clipboard to write to (on Linux,
// none of xclip, xsel, wl-copy is installed).
var ErrNoClipboard = errors.New("no system clipboard")

// OSC52 puts the text on the clipboard of the terminal the desk runs in,
// even over SSH, with an OSC 52 escape sequence. The desk owns the screen,
// so Copy only writes the sequence to Out: the desk gives a writer that
// hands it to the program between two frames.
type OSC52 struct {
	Out io.Writer
}

// Sequence is the OSC 52 sequence that sets the clipboard to text (the text
// in base64).
func (OSC52) Sequence(text string) string {
	return ansi.SetSystemClipboard(text)
}

func (c OSC52) Copy(text string) error {
	if c.Out == nil {
		return errors.New("OSC 52: no terminal to write to")
	}
	_, err := io.WriteString(c.Out, c.Sequence(text))
	return err
}

// SystemClipboard is the clipboard of the desktop, where there is one.
type SystemClipboard struct{}

func (SystemClipboard) Copy(text string) error {
	if clipboard.Unsupported {
		return ErrNoClipboard
	}
	if err := clipboard.WriteAll(text); err != nil {
		return fmt.Errorf("%w: %v", ErrNoClipboard, err)
	}
	return nil
}

// Clipboards copies to each of its clipboards, and fails only when none
// took the text: over SSH the system clipboard is the wrong machine's,
// in some terminals OSC 52 is ignored, and one of them is enough.
type Clipboards []Clipboard

func (cs Clipboards) Copy(text string) error {
	var errs []error
	copied := false
	for _, c := range cs {
		if err := c.Copy(text); err != nil {
			errs = append(errs, err)
		} else {
			copied = true
		}
	}
	switch {
	case copied:
		return nil
	case len(errs) == 0:
		return errors.New("no clipboard")
	}
	return errors.Join(errs...)
}

// Manual is the copy-and-paste back-end, the default: it needs nothing. It
// writes the final text to the outbox folder, puts it on the clipboard,
// and leaves the rest to the community manager, who pastes it in WhatsApp
// and confirms.
type Manual struct {
	outbox string
	clip   Clipboard
	cfg    config
}

// NewManual writes to the folder outbox (created 0700 when missing) and
// copies to clip, which may be nil (the outbox only). WithClock dates the
// outbox files, in the clock's location.
func NewManual(outbox string, clip Clipboard, opts ...Option) *Manual {
	return &Manual{outbox: outbox, clip: clip, cfg: newConfig(opts)}
}

func (m *Manual) Name() string { return "manual" }

// Limit is 0: WhatsApp's own limit is far above the "Read more" cut, which
// the checks warn about.
func (m *Manual) Limit() int { return 0 }

// Send writes the text to <outbox>/<date>-<post id>-<send id>.txt, exactly
// as it is to be posted, and puts it on the clipboard when there is one.
// It always answers ErrToPaste, with a receipt naming the file and saying
// whether the clipboard took the text, unless the file could not be
// written: a clipboard that failed changes nothing, the text is in the
// file, and the desk says so.
func (m *Manual) Send(ctx context.Context, d Delivery) (Receipt, error) {
	if err := ctx.Err(); err != nil {
		return Receipt{}, &SendError{Outcome: NotSent, Retryable: true, Code: CodeInterrupted, Err: err}
	}
	at := m.cfg.now()
	name := fmt.Sprintf("%s-%s-%s.txt", at.Format("2006-01-02"), fileNamePart(d.PostID), fileNamePart(d.SendID))
	path := filepath.Join(m.outbox, name)
	if err := writeFileAtomic(path, []byte(d.Message.Text)); err != nil {
		return Receipt{}, &SendError{Outcome: NotSent, Code: CodeOutbox, Err: fmt.Errorf("outbox: %w", err)}
	}
	receipt := Receipt{At: at, Outbox: path}
	if m.clip != nil {
		if err := m.clip.Copy(d.Message.Text); err != nil {
			receipt.NotCopied = strings.ReplaceAll(err.Error(), "\n", "; ")
		} else {
			receipt.Copied = true
		}
	}
	return receipt, &SendError{Outcome: ToPaste, Err: ErrToPaste}
}

// WithClipboard gives BuildBackends the clipboard its copy-and-paste
// destination copies to: the desk gives the system's, cron none.
func WithClipboard(clip Clipboard) Option {
	return func(c *config) { c.clipboard = clip }
}

// fileNamePart keeps an id safe in a file name: letters, digits, "-" and
// "_"; anything else becomes "_".
func fileNamePart(id string) string {
	if id == "" {
		return "none"
	}
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			return r
		}
		return '_'
	}, id)
}

// writeFileAtomic writes data to path readable by its owner only, through
// a temporary file renamed over it: a reader never sees half a text.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".outbox-*.tmp") // created 0600
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		return err
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
