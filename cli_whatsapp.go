package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"

	"crieur/sender"
	"crieur/sender/qr"
	"crieur/sender/wa"
	"crieur/settings"
	"crieur/store"
)

// whatsappTimeout bounds one request of these commands.
const whatsappTimeout = 30 * time.Second

// whatsappDevice is the linked device beside the data file, or the one a
// test gives.
func (c *cli) whatsappDevice() sender.WhatsApp {
	if c.whatsapp != nil {
		return c.whatsapp()
	}
	return wa.Open(wa.SessionDir(c.dataPath()))
}

// closeDevice lets go of the session when the device holds one.
func closeDevice(w sender.WhatsApp) {
	if cl, ok := w.(io.Closer); ok {
		cl.Close()
	}
}

func (c *cli) whatsappCommand(fs *flag.FlagSet) func([]string) error {
	return func(args []string) error {
		words := &c.w().WhatsApp
		if len(args) == 0 {
			fmt.Fprint(c.stdout, words.Usage)
			return usageError{words.NeedsCommand}
		}
		sub, args := args[0], args[1:]
		fs := c.flagSet("whatsapp " + sub)
		var usage string
		var run func() error
		switch sub {
		case "link":
			usage = words.LinkUsage
			phone := fs.String("phone", "", "pair with a code for this number")
			run = func() error { return c.whatsappLink(*phone) }
		case "channels":
			usage = words.ChannelsUsage
			pick := fs.Int("pick", 0, "post to the Nth channel")
			invite := fs.String("invite", "", "post to the channel of this invite link")
			run = func() error {
				if *pick != 0 && *invite != "" {
					return usageError{words.PickOrInvite}
				}
				return c.whatsappChannels(*pick, *invite)
			}
		case "status":
			usage, run = words.StatusUsage, c.whatsappStatus
		case "unlink":
			usage, run = words.UnlinkUsage, c.whatsappUnlink
		default:
			return usageError{fmt.Sprintf(words.UnknownCommand, sub)}
		}
		err := c.parse(fs, args, func(w io.Writer) {
			fmt.Fprint(w, usage+"\n")
			c.globalUsage(w)
		})
		if err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return usageError{fmt.Sprintf(words.NoArgs, sub, fs.Arg(0))}
		}
		return run()
	}
}

// isTerminal reports whether f is a terminal.
func isTerminal(f any) bool {
	tf, ok := f.(term.File)
	return ok && term.IsTerminal(tf.Fd())
}

func (c *cli) whatsappLink(phone string) error {
	words := &c.w().WhatsApp
	device := c.whatsappDevice()
	defer closeDevice(device)
	state := device.State()
	if conn, ok := device.(connector); ok && state == sender.WAConnecting {
		// A session is there: it says whether it holds an account.
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		if err := conn.Connect(ctx); errors.Is(err, sender.ErrNotLinked) {
			state = sender.WANotLinked
		}
		cancel()
	}
	switch state {
	case sender.WAConnecting, sender.WAConnected, sender.WAOffline:
		return errors.New(words.AlreadyLinked)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	events, err := device.Link(ctx, phone)
	if err != nil {
		return fmt.Errorf(words.LinkFailed, err)
	}
	tty := isTerminal(c.stdout)
	drawn := 0 // lines of the code on screen, to draw the next one over
	var current sender.LinkEvent
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	left := func() string {
		secs := int(time.Until(current.Expires).Seconds())
		return fmt.Sprintf(words.SecondsLeft, max(secs, 0))
	}
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				if ctx.Err() != nil {
					return errors.New(words.Stopped)
				}
				return errors.New(words.StoppedEarly)
			}
			current = ev
			switch ev.Kind {
			case sender.LinkQR, sender.LinkPairCode:
				if tty && drawn > 0 {
					fmt.Fprintf(c.stdout, "\x1b[%dA\x1b[J", drawn)
				}
				lines := c.linkLines(ev, tty)
				if !ev.Expires.IsZero() {
					lines = append(lines, left())
				}
				for _, l := range lines {
					fmt.Fprintln(c.stdout, l)
				}
				drawn = len(lines)
			case sender.LinkDone:
				fmt.Fprintf(c.stdout, words.Linked, escapeControls(ev.Account))
				return c.chooseAfterLink(device)
			case sender.LinkExpired:
				return errors.New(words.Expired)
			case sender.LinkFailed:
				return fmt.Errorf(words.LinkFailed, ev.Err)
			}
		case <-tick.C:
			if tty && drawn > 0 && !current.Expires.IsZero() {
				fmt.Fprintf(c.stdout, "\x1b[1A\r\x1b[2K%s\n", left())
			}
		}
	}
}

// linkLines are the lines that show a code: the QR code, black on white
// in a terminal, or the pairing code.
func (c *cli) linkLines(ev sender.LinkEvent, tty bool) []string {
	if ev.Kind == sender.LinkPairCode {
		code := ev.Code
		if len(code) == 8 {
			code = code[:4] + "-" + code[4:]
		}
		lines := strings.Split(c.w().WhatsApp.PairCode, "\n")
		return append(lines, "", "    "+escapeControls(code), "")
	}
	lines := []string{c.w().WhatsApp.ScanQR, ""}
	code := qr.Lines(ev.Code)
	if tty && c.getenv("NO_COLOR") == "" {
		code = qr.ANSI(ev.Code)
	}
	for _, l := range code {
		lines = append(lines, "  "+l)
	}
	return append(lines, "")
}

// chooseAfterLink lists the account's channels right after linking and,
// in a terminal, asks which one to post to.
func (c *cli) chooseAfterLink(device sender.WhatsApp) error {
	words := &c.w().WhatsApp
	ctx, cancel := context.WithTimeout(context.Background(), whatsappTimeout)
	defer cancel()
	channels, err := device.Channels(ctx)
	if err != nil {
		return fmt.Errorf(words.ListFailed, err)
	}
	if len(channels) == 0 {
		fmt.Fprint(c.stdout, words.NoChannels)
		return nil
	}
	c.printChannels(channels)
	if !isTerminal(c.stdin) {
		fmt.Fprint(c.stdout, words.ChooseWith)
		return nil
	}
	fmt.Fprintf(c.stdout, words.WhichChannel, len(channels))
	line, _ := bufio.NewReader(c.stdin).ReadString('\n')
	line = strings.TrimSpace(line)
	if line == "" {
		fmt.Fprint(c.stdout, words.ChooseLater)
		return nil
	}
	n, err := strconv.Atoi(line)
	if err != nil || n < 1 || n > len(channels) {
		return fmt.Errorf(words.NotANumber, line, len(channels))
	}
	return c.chooseChannel(channels[n-1])
}

// printChannels lists channels, numbered, the one the settings post to
// marked with *.
func (c *cli) printChannels(channels []sender.Channel) {
	chosen := ""
	if s, err := c.settings(); err == nil {
		if ds := s.WhatsAppDestinations(); len(ds) > 0 {
			chosen = ds[0].Channel
		}
	}
	for i, ch := range channels {
		mark := " "
		if ch.JID == chosen {
			mark = "*"
		}
		fmt.Fprintf(c.stdout, c.w().WhatsApp.ChannelLine, mark, i+1, escapeControls(ch.Name), escapeControls(ch.Role),
			c.words().N(c.w().WhatsApp.Followers, ch.Followers), escapeControls(ch.JID))
	}
}

// chooseChannel writes the channel into the settings.
func (c *cli) chooseChannel(ch sender.Channel) error {
	before, _, _ := settings.Load(c.configPath(), c.settingsWords())
	if err := settings.SetWhatsAppChannel(c.configPath(), ch.JID, ch.Name, c.settingsWords()); err != nil {
		return c.settingsError(err)
	}
	fmt.Fprintf(c.stdout, c.w().WhatsApp.NowPostsTo, escapeControls(ch.Name), escapeControls(ch.JID), c.configPath())
	after, _, err := settings.Load(c.configPath(), c.settingsWords())
	if err == nil && len(after.DestinationsOf(settings.KindManual)) < len(before.DestinationsOf(settings.KindManual)) {
		fmt.Fprint(c.stdout, c.w().WhatsApp.ManualOff)
	}
	return nil
}

func (c *cli) whatsappChannels(pick int, invite string) error {
	words := &c.w().WhatsApp
	device := c.whatsappDevice()
	defer closeDevice(device)
	ctx, cancel := context.WithTimeout(context.Background(), whatsappTimeout)
	defer cancel()
	if invite != "" {
		ch, err := device.ChannelFromInvite(ctx, invite)
		if err != nil {
			return fmt.Errorf(words.ReadInvite, err)
		}
		if ch.Role != "owner" && ch.Role != "admin" {
			role := ch.Role
			if role == "" {
				role = words.NotAnAdmin
			}
			return fmt.Errorf(words.NotAdmin, escapeControls(role), escapeControls(ch.Name))
		}
		return c.chooseChannel(ch)
	}
	channels, err := device.Channels(ctx)
	if err != nil {
		return fmt.Errorf(words.ListChannels, err)
	}
	if len(channels) == 0 {
		fmt.Fprint(c.stdout, words.NoChannels)
		if pick != 0 {
			return errors.New(words.NoChannelToPick)
		}
		return nil
	}
	if pick != 0 {
		if pick < 1 || pick > len(channels) {
			return usageError{fmt.Sprintf(words.BadPick, pick, len(channels))}
		}
		return c.chooseChannel(channels[pick-1])
	}
	c.printChannels(channels)
	fmt.Fprint(c.stdout, words.ChooseHint)
	return nil
}

// connector is a device that can be asked to connect now and say why it
// cannot: the real one.
type connector interface {
	Connect(ctx context.Context) error
	Problem() error
}

func (c *cli) whatsappStatus() error {
	words := &c.w().WhatsApp
	device := c.whatsappDevice()
	defer closeDevice(device)
	settings, err := c.settings()
	if err != nil {
		return err
	}
	if d, ok := device.(interface{ Dir() string }); ok {
		fmt.Fprintf(c.stdout, words.Session, d.Dir())
	}
	channel := words.NoChannel
	if ds := settings.WhatsAppDestinations(); len(ds) > 0 {
		channel = escapeControls(ds[0].Channel)
		if name := strings.TrimSpace(ds[0].ChannelName); name != "" {
			channel = escapeControls(name) + " (" + channel + ")"
		}
	}
	state := device.State()
	var connectErr error
	if conn, ok := device.(connector); ok && state != sender.WANotLinked && state != sender.WALoggedOut {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		connectErr = conn.Connect(ctx)
		cancel()
		state = device.State()
		if p := conn.Problem(); connectErr != nil && p != nil {
			connectErr = p
		}
	}
	account := device.Account()
	if account == "" {
		account = words.NoAccount
	}
	stateName := state.String()
	if int(state) >= 0 && int(state) < len(words.States) {
		stateName = words.States[state]
	}
	fmt.Fprintf(c.stdout, words.Account+words.Channel+words.Connection, escapeControls(account), channel, stateName)
	switch state {
	case sender.WAConnected:
		return nil
	case sender.WANotLinked:
		return errors.New(words.NotLinked)
	case sender.WALoggedOut:
		return errors.New(words.LoggedOut)
	}
	if connectErr != nil {
		return fmt.Errorf(words.NotConnectedBecause, connectErr)
	}
	return errors.New(words.NotConnected)
}

func (c *cli) whatsappUnlink() error {
	device := c.whatsappDevice()
	defer closeDevice(device)
	if device.State() == sender.WANotLinked {
		fmt.Fprint(c.stdout, c.w().WhatsApp.NothingToUnlink)
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), whatsappTimeout)
	defer cancel()
	if err := device.Unlink(ctx); err != nil {
		return err
	}
	fmt.Fprint(c.stdout, c.w().WhatsApp.Unlinked)
	return nil
}

// whatsappOptions give BuildBackends the linked device when the settings
// post to WhatsApp (none otherwise: nothing to open).
func whatsappOptions(settings settings.Settings, device sender.WhatsApp) []sender.Option {
	if device == nil || len(settings.WhatsAppDestinations()) == 0 {
		return nil
	}
	return []sender.Option{sender.WithWhatsApp(device)}
}

// warmWhatsApp connects the device before a run of the queue when a send
// due now goes to WhatsApp: connecting from cold takes longer than a send
// may wait, and a run that has nothing for WhatsApp does not connect.
func warmWhatsApp(ctx context.Context, st *store.Store, conf settings.Settings, device sender.WhatsApp, now time.Time) {
	conn, ok := device.(connector)
	if !ok {
		return
	}
	due, err := st.Due(now)
	if err != nil {
		return
	}
	for _, snd := range due {
		if d, ok := conf.Destination(snd.Destination); ok && d.Kind == settings.KindWhatsApp {
			ctx, cancel := context.WithTimeout(ctx, whatsappTimeout)
			conn.Connect(ctx) // a failure shows in the send's own result
			cancel()
			return
		}
	}
}
