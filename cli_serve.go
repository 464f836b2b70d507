package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"crieur/sender"
	"crieur/serve"
	"crieur/settings"
	"crieur/store"
	"crieur/ui"
	"crieur/ui/i18n"
)

// serveCommand serves the desk to the team over SSH, holding the data
// file: the commands go through it on the local socket meanwhile.
func (c *cli) serveCommand(fs *flag.FlagSet) func([]string) error {
	listen := fs.String("listen", serve.DefaultListen, "where to listen")
	idle := fs.Duration("idle", serve.DefaultIdle, "close a session without a key for that long")
	sessions := fs.Int("sessions", serve.DefaultMaxSessions, "how many desks may be open at once")
	return func(args []string) error {
		if len(args) > 0 {
			return usageError{fmt.Sprintf(c.words().Team.ServeNoArgs, args[0])}
		}
		conf, err := c.settings()
		if err != nil {
			return err
		}
		lang := c.language(conf)
		t := i18n.For(lang).Team
		st, err := c.openWith(store.Options{Hash: func(p store.Post) string { return sender.Seal(p, conf) }})
		if err != nil {
			return err
		}
		defer st.Close()
		// A file from a crieur that did not keep pictures has them taken
		// in now, once, as the desk does.
		if _, err := sender.TakePending(context.Background(), st); err != nil {
			return c.explain(st.Path(), err)
		}
		c.prepareDesk(st, conf, c.language(conf))
		var device sender.WhatsApp
		if !c.offline {
			device = c.whatsappDevice()
			defer closeDevice(device)
		}
		// One sending run at a time, whatever asks (the server's loop, a
		// member's "send now"), and the heartbeat that tells send --due
		// the team desk sends.
		runs := &sender.Runs{}
		heartbeat := sender.HeartbeatFor(st.Path(), c.now)
		srv, err := serve.New(serve.Options{
			Listen: *listen, Store: st, SettingsPath: c.configPath(), Settings: conf, LoadSettings: c.settings, Now: c.now,
			Idle: *idle, MaxSessions: *sessions, Cards: c.cardReader(), WhatsApp: device, Backup: true,
			NewDispatcher: func(s settings.Settings) (*sender.Dispatcher, error) {
				return c.sendDispatcher(st, s, device, runs, heartbeat)
			},
			Out:  c.stderr,
			Lang: lang,
		})
		if err != nil {
			return err
		}
		if err := srv.Listen(); err != nil {
			return err
		}
		if err := heartbeat.Beat(srv.Sends()); err != nil {
			c.warn("%v", err)
		}
		defer heartbeat.Remove()
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		hold, err := c.hold(ctx, st, func() { srv.Broadcast(ui.Reload{}) })
		if err != nil {
			return err
		}
		defer hold()
		_, port, _ := net.SplitHostPort(srv.Addr().String())
		fmt.Fprintf(c.stdout, t.Listening+"\n", srv.Addr(), port)
		fmt.Fprintf(c.stdout, t.Fingerprint+"\n", srv.Fingerprint())
		if !hasKeys(conf) {
			fmt.Fprintf(c.stdout, t.NoMembers+"\n", c.configPath())
		}
		err = srv.Serve(ctx)
		fmt.Fprintln(c.stdout, t.ServeStopped)
		return err
	}
}

// hasKeys says whether a member can connect at all.
func hasKeys(conf settings.Settings) bool {
	for _, m := range conf.Members {
		if m.Key != "" {
			return true
		}
	}
	return false
}
