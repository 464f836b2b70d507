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
	"syscall"

	"crieur/sender"
	"crieur/store"
)

const sendUsage = `Usage: crieur send --due [--dry-run]

Sends the posts whose time has come to their destinations, for cron or a
systemd timer. While the desk has the data file open it says so, sends
nothing and exits 0; the next run sends. It prints one line per send and exits 1
when a send failed, may have gone out (unknown), or no longer matches
what was validated.

A send is tried once per run. One that could not leave the machine (no
network, the destination busy) waits for the next run; one that may have
gone out (a crash, no answer) is never sent again by itself: check the
channel before anything else.

  --due       send what is due now
  --dry-run   list what would go, and send nothing

Tokens come from the environment or from secrets.env beside the settings
file (chmod 600): CRIEUR_TELEGRAM_TOKEN, CRIEUR_WEBHOOK_SECRET.

Every five minutes from cron (crontab -e):

  */5 * * * * crieur send --due

Or a systemd user timer, ~/.config/systemd/user/crieur-send.service:

  [Service]
  Type=oneshot
  ExecStart=%h/go/bin/crieur send --due

and ~/.config/systemd/user/crieur-send.timer:

  [Timer]
  OnCalendar=*:0/5
  Persistent=true

  [Install]
  WantedBy=timers.target

then: systemctl --user enable --now crieur-send.timer
`

func (c *cli) sendCommand(fs *flag.FlagSet) func([]string) error {
	due := fs.Bool("due", false, "send what is due now")
	dry := fs.Bool("dry-run", false, "list what would go, and send nothing")
	return func(args []string) error {
		if len(args) > 0 {
			return usageError{fmt.Sprintf("send takes no arguments (got %q); run 'crieur send -h' for help", args[0])}
		}
		if !*due {
			return usageError{"send needs --due; run 'crieur send -h' for help"}
		}
		if ok, err := c.exists(); !ok {
			if err == nil {
				fmt.Fprintf(c.stdout, "no data file at %s yet: nothing to send\n", c.dataPath())
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
			fmt.Fprintf(c.stdout, "the desk has %s open: nothing sent now; the next run will send what is due\n", path)
			return nil
		}
		if err != nil {
			return explain(path, err)
		}
		defer st.Close()
		secrets, err := sender.LoadSecrets(c.secretsPath(), c.getenv)
		if err != nil {
			return err
		}
		device := c.whatsappDevice()
		defer closeDevice(device)
		backends, err := sender.BuildBackends(settings, secrets, &http.Client{}, filepath.Join(filepath.Dir(path), "outbox"),
			whatsappOptions(settings, device)...)
		if err != nil {
			return err
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
			return explain(path, err)
		}
		if n := report.Problems(); n > 0 {
			return fmt.Errorf("%d %s a person's attention", n, plural(n, "send needs", "sends need"))
		}
		return nil
	}
}

// secretsPath is the secrets file, beside the settings file.
func (c *cli) secretsPath() string { return filepath.Join(filepath.Dir(c.configPath()), "secrets.env") }

// printReport writes one line per send: the result, the post's title, the
// destination, and what went wrong.
func (c *cli) printReport(r sender.Report) {
	if r.Retargeted > 0 {
		fmt.Fprintf(c.stdout, "%d planned %s now going to the destinations of the settings\n", r.Retargeted, plural(r.Retargeted, "post is", "posts are"))
	}
	if r.Recovered > 0 {
		fmt.Fprintf(c.stdout, "%d %s cut short by a crash: the outcome is unknown\n", r.Recovered, plural(r.Recovered, "send was", "sends were"))
	}
	tried := map[string]bool{}
	for _, s := range r.Sends {
		tried[s.SendID] = true
		line := fmt.Sprintf("%-11s %s -> %s", s.Result, escapeControls(s.Title), s.Destination)
		switch {
		case s.Result == sender.ResultSent && s.RemoteID != "":
			line += " (message " + escapeControls(s.RemoteID) + ")"
		case s.Result == sender.ResultWaiting:
			line += ": " + escapeControls(s.Err) + "; the next run tries again"
		case s.Err != "":
			line += ": " + escapeControls(s.Err)
		}
		if s.Outbox != "" {
			line += " (text in " + escapeControls(s.Outbox) + ")"
		}
		fmt.Fprintln(c.stdout, line)
	}
	for _, s := range r.Unresolved {
		if tried[s.SendID] {
			continue
		}
		line := fmt.Sprintf("%-11s %s -> %s", s.Result, escapeControls(s.Title), s.Destination)
		if s.Err != "" {
			line += ": " + escapeControls(s.Err)
		}
		fmt.Fprintln(c.stdout, line+"; check the channel: it is not sent again by itself")
	}
	if len(r.Sends) == 0 {
		fmt.Fprintln(c.stdout, "nothing is due")
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
