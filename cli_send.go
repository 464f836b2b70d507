package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/charmbracelet/x/ansi"

	"crieur/sender"
	"crieur/store"
)

func (c *cli) sendCommand(fs *flag.FlagSet) func([]string) error {
	due := fs.Bool("due", false, "send what is due now")
	dry := fs.Bool("dry-run", false, "list what would go, and send nothing")
	return func(args []string) error {
		if len(args) > 0 {
			return usageError{fmt.Sprintf(c.w().Send.NoArgs, args[0])}
		}
		if !*due {
			return usageError{c.w().Send.NeedsDue}
		}
		if ok, err := c.exists(); !ok {
			if err == nil {
				fmt.Fprintf(c.stdout, c.w().Send.NoData, c.dataPath())
			}
			return err
		}
		settings, err := c.settings()
		if err != nil {
			return err
		}
		path := c.dataPath()
		st, err := store.Open(path, store.Options{
			Timeout: lockTimeout,
			Now:     c.now,
			Hash:    func(p store.Post) string { return sender.Seal(p, settings) },
		})
		if errors.Is(err, store.ErrLocked) {
			return c.leftToTheDesk(path)
		}
		if err != nil {
			return c.explain(path, err)
		}
		defer st.Close()
		if !*dry {
			if err := c.takePending(st); err != nil {
				return c.explain(path, err)
			}
		}
		secrets, err := sender.LoadSecrets(c.secretsPath(), c.getenv)
		if err != nil {
			return err
		}
		device := c.whatsappDevice()
		defer closeDevice(device)
		backends, err := sender.BuildBackends(settings, secrets, &http.Client{}, filepath.Join(filepath.Dir(path), "outbox"),
			whatsappOptions(settings, device)...)
		if err != nil {
			return c.sendingError(err)
		}

		// Stopped by cron or systemd, the send under way still records its
		// outcome, and the rest wait in the queue.
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		d := &sender.Dispatcher{Store: st, Settings: settings, Backends: backends, Now: c.now, FollowSettings: true}
		run := d.RunDue
		if *dry {
			run = d.DryRun
		} else {
			warmWhatsApp(ctx, st, settings, device, c.now())
		}
		report, err := run(ctx)
		c.printReport(report)
		if err != nil {
			return c.explain(path, err)
		}
		if n := report.Problems(); n > 0 {
			return errors.New(c.words().N(c.w().Send.NeedAttention, n))
		}
		return nil
	}
}

// leftToTheDesk is what send --due says when another crieur holds the
// data file: the desk sends what is due, unless its heartbeat says it has
// not run its sends for HeartbeatStale (stopped, hung) or cannot send at
// all, which a person must hear about (exit status 1). With no heartbeat
// from a live desk (another command holds the file for a moment), the
// next run sends.
func (c *cli) leftToTheDesk(path string) error {
	words := &c.w().Send
	beat, err := sender.HeartbeatFor(path, nil).Read()
	if err != nil || !processAlive(beat.PID) {
		fmt.Fprintf(c.stdout, words.DeskOpen, path)
		return nil
	}
	if !beat.Sends {
		return fmt.Errorf(words.DeskNotSending, beat.PID, path)
	}
	if ago := c.now().Sub(beat.At); ago > sender.HeartbeatStale {
		return fmt.Errorf(words.DeskStopped, beat.PID, path, beat.At.Local().Format("2006-01-02 15:04:05"), int(ago.Minutes()))
	}
	fmt.Fprintf(c.stdout, words.DeskSends, path, beat.At.Local().Format("15:04:05"))
	return nil
}

// processAlive says whether a process of that id still runs; where the
// system cannot tell, it says yes.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return !errors.Is(p.Signal(syscall.Signal(0)), os.ErrProcessDone)
}

// takePending takes in the pictures a data file from an older crieur
// still names by their path alone (once), and says what became of them.
func (c *cli) takePending(st *store.Store) error {
	r, err := sender.TakePending(context.Background(), st)
	if err != nil {
		return err
	}
	t, w := c.words(), &c.w().Send
	if r.Taken+r.Refused > 0 {
		c.warn("%s", t.N(w.PicturesTaken, r.Taken+r.Refused))
	}
	if r.Refused > 0 {
		c.warn("%s", t.N(w.PicturesRefused, r.Refused))
	}
	if r.Lost > 0 {
		c.warn("%s", t.N(w.PicturesLost, r.Lost))
	}
	if r.Left > 0 {
		c.warn("%s", t.N(w.PicturesLeft, r.Left))
	}
	return nil
}

// secretsPath is the secrets file, beside the settings file.
func (c *cli) secretsPath() string { return filepath.Join(filepath.Dir(c.configPath()), "secrets.env") }

// whyNot says why a send did not go as planned, from its code, in the
// command line's language.
func (c *cli) whyNot(s sender.SendReport) string {
	return escapeControls(c.words().SendError(string(s.Code), s.HTTP, s.Err))
}

// sendingError says an error of sending by its code, in the command
// line's language, as the send log does; any other error is left as it
// is.
func (c *cli) sendingError(err error) error {
	code, status, ok := sender.Explained(err)
	if !ok {
		return err
	}
	why := c.words().SendError(string(code), status, "")
	var de *sender.DestinationError
	if errors.As(err, &de) {
		why = fmt.Sprintf(c.words().SendErrors.Destination, escapeControls(de.Destination), why)
	}
	return errors.New(why)
}

// printReport writes one line per send: the result, the post's title, the
// destination, and what went wrong.
func (c *cli) printReport(r sender.Report) {
	t, words := c.words(), &c.w().Send
	if r.Retargeted > 0 {
		fmt.Fprint(c.stdout, t.N(words.Retargeted, r.Retargeted))
	}
	if r.Recovered > 0 {
		fmt.Fprint(c.stdout, t.N(words.Recovered, r.Recovered))
	}
	// The outcomes line up in a column as wide as the widest of them.
	width := 0
	for _, name := range words.Results {
		width = max(width, ansi.StringWidth(name))
	}
	start := func(s sender.SendReport) string {
		result := words.Results[string(s.Result)]
		if result == "" {
			result = string(s.Result)
		}
		result += strings.Repeat(" ", max(width-ansi.StringWidth(result), 0))
		return fmt.Sprintf(words.Line, result, escapeControls(s.Title), escapeControls(s.Destination))
	}
	tried := map[string]bool{}
	for _, s := range r.Sends {
		tried[s.SendID] = true
		line := start(s)
		switch {
		case s.Result == sender.ResultToPaste:
			line += words.ToPaste
		case s.Result == sender.ResultSent && s.RemoteID != "":
			line += fmt.Sprintf(words.SentAs, escapeControls(s.RemoteID))
		case s.Result == sender.ResultWaiting:
			line += fmt.Sprintf(words.WaitingNext, c.whyNot(s))
		case s.Result == sender.ResultOrphaned:
			line += fmt.Sprintf(words.Orphaned, escapeControls(s.Destination))
		case s.Err != "" || s.Code != "":
			line += fmt.Sprintf(words.Detail, c.whyNot(s))
		}
		if s.Outbox != "" {
			line += fmt.Sprintf(words.Outbox, escapeControls(s.Outbox))
		}
		fmt.Fprintln(c.stdout, line)
	}
	for _, s := range r.Unresolved {
		if tried[s.SendID] {
			continue
		}
		line := start(s)
		if s.Err != "" || s.Code != "" {
			line += fmt.Sprintf(words.Detail, c.whyNot(s))
		}
		fmt.Fprintln(c.stdout, line+words.CheckChannel)
	}
	if len(r.Sends) == 0 {
		fmt.Fprint(c.stdout, words.NothingDue)
	}
	// Texts to paste are no problem for cron: they wait for a person,
	// which one line says.
	if n := len(r.ToPaste); n > 0 {
		fmt.Fprint(c.stdout, t.N(c.w().Sends.Awaiting, n))
	}
}
