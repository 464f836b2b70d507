package main

// Opening the desk: its first questions on a first run, the sample week,
// the back-ends and the readers it works with.

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"crieur/message"
	"crieur/sender"
	"crieur/settings"
	"crieur/store"
	"crieur/ui"
	"crieur/ui/i18n"
)

// desk opens the desk: its first questions when there is no settings file
// yet, the sample week on a new file, the daily backup, then the terminal
// interface until the person quits.
func (c *cli) desk() error {
	if err := c.checkLang(); err != nil {
		return err
	}
	// With no settings file yet, the desk opens on its first questions;
	// the answers make the settings file and the sample week.
	first := !settings.Exists(c.configPath())
	conf := settings.ForPerson(c.settingsWords())
	if !first {
		var err error
		if conf, err = c.settings(); err != nil {
			return err
		}
	}
	lang := c.language(conf)
	st, err := c.openWith(store.Options{
		Hash:     func(p store.Post) string { return sender.Seal(p, conf) },
		Problems: func(p store.Post) int { return sender.Problems(p, conf, c.now()) },
	})
	if err != nil {
		return err
	}
	defer st.Close()
	// A file from a crieur that did not keep pictures has them taken in
	// now, once; the checks of posts whose image could not be taken say
	// why, and their history says when a validation went with it.
	if _, err := sender.TakePending(context.Background(), st); err != nil {
		return c.explain(st.Path(), err)
	}
	var firstRun func(*settings.Setup) (settings.Settings, error)
	if first {
		firstRun = c.firstRun(st, conf, lang)
	} else if err := c.prepareDesk(st, conf, lang); err != nil {
		c.warn("%v", err)
	}
	stopBackups := c.serveBackups(st)
	defer stopBackups()
	// The commands go through this desk while it holds the file, and
	// what they change shows at once.
	events := make(chan tea.Msg, 8)
	stopHold, err := c.hold(context.Background(), st, func() {
		select {
		case events <- ui.Reload{}:
		default: // a reading is already on its way
		}
	})
	if err != nil {
		c.warn("%v", err)
	} else {
		defer stopHold()
	}
	var device sender.WhatsApp // offline, the desk links nothing
	if !c.offline {
		device = c.whatsappDevice()
		defer closeDevice(device)
	}
	// The dispatchers the desk makes again when its settings change take
	// turns with the first one: one sending run at a time. They keep the
	// heartbeat that tells send --due the desk is sending.
	runs := &sender.Runs{}
	heartbeat := sender.HeartbeatFor(st.Path(), c.now)
	dispatcher := c.deskDispatcher(st, conf, device, runs, heartbeat)
	if err := heartbeat.Beat(dispatcher != nil); err != nil {
		c.warn("%v", err)
	}
	defer heartbeat.Remove()
	return ui.Run(ui.Config{
		Store: st, Settings: conf, SettingsPath: c.configPath(), Lang: lang, Now: time.Now,
		Backup: true, FirstRun: firstRun,
		// The program's memory policy, once the backlog is on screen
		// and once a filter is done with.
		Settle: settleMemory,
		Tidy:   tidyMemory,
		// Link cards are read from the pages posts link to; offline the
		// reads fail quietly and the cards show the links' domains.
		Cards: c.cardReader(),
		// The city's feeds, read as the desk opens when due, every few
		// hours, and on a key.
		Feeds:      c.httpClient(),
		Dispatcher: dispatcher,
		Clipboard:  sender.SystemClipboard{},
		WhatsApp:   device,
		NewDispatcher: func(s settings.Settings) (*sender.Dispatcher, error) {
			return c.sendDispatcher(st, s, device, runs, heartbeat)
		},
		Events: events,
	})
}

// prepareDesk does what opening the desk does before the first frame: the
// sample week on a new file (the desk makes today's backup itself once it
// is up). Its error never stops the desk.
func (c *cli) prepareDesk(st *store.Store, settings settings.Settings, lang string) error {
	if st.Fresh() {
		samples := samplePosts(lang, c.now(), settings)
		for i := range samples {
			samples[i].Problems = message.Errors(sender.Check(samples[i], settings, nil, c.now()))
		}
		if _, err := st.Import(samples, store.RevImport); err != nil {
			return fmt.Errorf(c.w().Common.SamplesFailed, c.explain(st.Path(), err))
		}
	}
	return nil
}

// firstRun is what the desk's first questions lead to: the settings file,
// with the answers (nil keeps the defaults), in the desk's language, then
// the sample week on the city's domain.
func (c *cli) firstRun(st *store.Store, defaults settings.Settings, lang string) func(*settings.Setup) (settings.Settings, error) {
	return func(answers *settings.Setup) (settings.Settings, error) {
		s := defaults
		if answers != nil {
			s = s.WithSetup(*answers)
		}
		if err := settings.Create(c.configPath(), c.settingsWords(), s); err != nil {
			return defaults, c.settingsError(err)
		}
		return s, c.prepareDesk(st, s, lang)
	}
}

// samplePosts is the catalogue's sample week as posts, marked as samples,
// their links on the first domain the settings allow, so that the checks
// find nothing wrong with them that the city's own posts would not have.
func samplePosts(lang string, now time.Time, conf settings.Settings) []store.Post {
	week := i18n.Samples(lang, now)
	posts := make([]store.Post, len(week))
	city := strings.NewReplacer()
	if c := conf.Channel.City; c != "" {
		city = strings.NewReplacer(i18n.SampleCity, c)
	}
	for i, s := range week {
		posts[i] = store.Post{
			Title: city.Replace(s.Title), Body: city.Replace(s.Body), Link: onDomain(s.Link, conf.Channel.AllowedDomains),
			Category: s.Category, Notes: city.Replace(s.Notes), Status: store.Status(s.Status), Created: s.Created, Sample: true,
		}
	}
	return posts
}

// onDomain moves a link to the first of the allowed domains, keeping its
// path; with none allowed, or a link that is not an address, it stays.
func onDomain(link string, domains []string) string {
	u, err := url.Parse(link)
	if link == "" || err != nil || u.Host == "" || len(domains) == 0 {
		return link
	}
	u.Host = domains[0]
	return u.String()
}

// httpClient reads the city's feeds, or is nil when the desk must stay
// offline (--offline).
func (c *cli) httpClient() *http.Client {
	if c.offline {
		return nil
	}
	return &http.Client{Timeout: 10 * time.Second}
}

// cardReader reads link cards for the desk, or nil when it must stay
// offline (--offline).
func (c *cli) cardReader() *sender.CardReader {
	if c.offline {
		return nil
	}
	return sender.NewCardReader(sender.CardOptions{})
}

// deskDispatcher delivers the due sends while the desk is open, or nil
// when destinations cannot be set up (said once on stderr, and the desk
// opens all the same).
func (c *cli) deskDispatcher(st *store.Store, conf settings.Settings, device sender.WhatsApp, runs *sender.Runs, heartbeat *sender.Heartbeat) *sender.Dispatcher {
	d, err := c.sendDispatcher(st, conf, device, runs, heartbeat)
	if err != nil {
		c.warn(c.w().Common.DeskWillNotSend, c.sendingError(err))
	}
	return d
}

// sendDispatcher makes the desk's dispatcher. With --offline only the
// copy-and-paste destination sends; the others' sends wait in the queue.
// Every dispatcher of one desk shares runs and the heartbeat.
func (c *cli) sendDispatcher(st *store.Store, conf settings.Settings, device sender.WhatsApp, runs *sender.Runs, heartbeat *sender.Heartbeat) (*sender.Dispatcher, error) {
	reachable := conf
	if c.offline {
		reachable.Destinations = nil
		for _, d := range conf.Destinations {
			if d.Kind == settings.KindManual {
				reachable.Destinations = append(reachable.Destinations, d)
			}
		}
	}
	secrets, err := sender.LoadSecrets(c.secretsPath(), c.getenv)
	if err == nil {
		var backends map[string]sender.Backend
		// At the desk, a text to paste also goes to the system's
		// clipboard, where there is one (the desk sends it to the
		// terminal's as well).
		opts := append(whatsappOptions(reachable, device), sender.WithClipboard(sender.SystemClipboard{}))
		backends, err = sender.BuildBackends(reachable, secrets, &http.Client{}, filepath.Join(filepath.Dir(st.Path()), "outbox"), opts...)
		if err == nil {
			return &sender.Dispatcher{Store: st, Settings: conf, Backends: backends, Now: c.now, FollowSettings: true, Runs: runs, Heartbeat: heartbeat}, nil
		}
	}
	return nil, err
}
