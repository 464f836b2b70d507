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

const whatsappUsage = `Usage: crieur whatsapp link [--phone NUMBER]
       crieur whatsapp channels [--pick N | --invite LINK]
       crieur whatsapp status
       crieur whatsapp unlink

Links the desk to a WhatsApp account as a linked device, the way WhatsApp
Web is, so that it posts to the city's WhatsApp Channel itself, and chooses
that channel. Run 'crieur whatsapp COMMAND -h' for each command.

  link       show a QR code to scan on the phone, or a code to type
  channels   list the channels the account administers and choose one
  status     the linked account, the chosen channel, the connection
  unlink     log the desk out and delete its session

The session lives in the folder "whatsapp" beside the data file, readable
only by you. Use a dedicated admin account on a spare number: automating a
personal account can get it banned.
`

const whatsappLinkUsage = `Usage: crieur whatsapp link [--phone NUMBER]

Links the desk to a WhatsApp account. On the phone: Settings, Linked
devices, Link a device, then scan the QR code shown here; it is renewed
every 20 seconds or so, for about two and a half minutes. With --phone,
a code of 8 characters is shown instead, to type on the phone after
"Link with phone number instead".

Once linked, it lists the channels the account administers and asks which
one to post to (or says how to choose, when not run in a terminal).

  --phone NUMBER   pair with a code instead of a QR code; the account's
                   number in international form, as +33 6 12 34 56 78
`

const whatsappChannelsUsage = `Usage: crieur whatsapp channels [--pick N | --invite LINK]

Lists the channels the linked account owns or administers; the one the
settings post to is marked with *. Choosing one writes it into the
settings file (a [[destination]] of kind whatsapp), keeping its comments.

  --pick N        post to the Nth channel of the list
  --invite LINK   post to the channel of this invite link
                  (https://whatsapp.com/channel/...)
`

const whatsappStatusUsage = `Usage: crieur whatsapp status

Prints the linked account, the channel the settings post to and the state
of the connection, after connecting for a few seconds to tell. Exits 1
when the desk is not linked, was logged out, or cannot connect.
`

const whatsappUnlinkUsage = `Usage: crieur whatsapp unlink

Logs the desk out of the WhatsApp account (the phone no longer lists it)
and deletes its session. The channel stays in the settings; link again to
post to it.
`

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
		if len(args) == 0 {
			fmt.Fprint(c.stdout, whatsappUsage)
			return usageError{"whatsapp needs a command: link, channels, status or unlink"}
		}
		sub, args := args[0], args[1:]
		fs := c.flagSet("whatsapp " + sub)
		var usage string
		var run func() error
		switch sub {
		case "link":
			usage = whatsappLinkUsage
			phone := fs.String("phone", "", "pair with a code for this number")
			run = func() error { return c.whatsappLink(*phone) }
		case "channels":
			usage = whatsappChannelsUsage
			pick := fs.Int("pick", 0, "post to the Nth channel")
			invite := fs.String("invite", "", "post to the channel of this invite link")
			run = func() error {
				if *pick != 0 && *invite != "" {
					return usageError{"give --pick or --invite, not both"}
				}
				return c.whatsappChannels(*pick, *invite)
			}
		case "status":
			usage, run = whatsappStatusUsage, c.whatsappStatus
		case "unlink":
			usage, run = whatsappUnlinkUsage, c.whatsappUnlink
		default:
			return usageError{fmt.Sprintf("unknown whatsapp command %q; use link, channels, status or unlink", sub)}
		}
		err := c.parse(fs, args, func(w io.Writer) {
			fmt.Fprint(w, usage+"\n")
			c.globalUsage(w)
		})
		if err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return usageError{fmt.Sprintf("whatsapp %s takes no arguments (got %q); run 'crieur whatsapp %s -h' for help", sub, fs.Arg(0), sub)}
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
		return fmt.Errorf("this desk is already linked to WhatsApp; 'crieur whatsapp unlink' first to link another account")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	events, err := device.Link(ctx, phone)
	if err != nil {
		return fmt.Errorf("link WhatsApp: %w", err)
	}
	tty := isTerminal(c.stdout)
	drawn := 0 // lines of the code on screen, to draw the next one over
	var current sender.LinkEvent
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	left := func() string {
		secs := int(time.Until(current.Expires).Seconds())
		return fmt.Sprintf("  %d seconds left; Ctrl+C to stop", max(secs, 0))
	}
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				if ctx.Err() != nil {
					return errors.New("linking stopped")
				}
				return errors.New("linking stopped before the phone accepted it; run 'crieur whatsapp link' again")
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
				fmt.Fprintf(c.stdout, "Linked to %s.\n\n", escapeControls(ev.Account))
				return c.chooseAfterLink(device)
			case sender.LinkExpired:
				return errors.New("the code was not used in time; run 'crieur whatsapp link' again")
			case sender.LinkFailed:
				return fmt.Errorf("link WhatsApp: %w", ev.Err)
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
		return []string{
			"On the phone: Settings > Linked devices > Link a device >",
			"Link with phone number instead, then type:",
			"",
			"    " + escapeControls(code),
			"",
		}
	}
	lines := []string{"Scan with WhatsApp on the phone: Settings > Linked devices > Link a device", ""}
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
	ctx, cancel := context.WithTimeout(context.Background(), whatsappTimeout)
	defer cancel()
	channels, err := device.Channels(ctx)
	if err != nil {
		return fmt.Errorf("linked, but the channels could not be listed (%w); run 'crieur whatsapp channels'", err)
	}
	if len(channels) == 0 {
		fmt.Fprint(c.stdout, noChannels)
		return nil
	}
	c.printChannels(channels)
	if !isTerminal(c.stdin) {
		fmt.Fprintln(c.stdout, "\nChoose the channel to post to with: crieur whatsapp channels --pick N")
		return nil
	}
	fmt.Fprintf(c.stdout, "\nWhich channel should the desk post to? Number (1-%d), or Enter to choose later: ", len(channels))
	line, _ := bufio.NewReader(c.stdin).ReadString('\n')
	line = strings.TrimSpace(line)
	if line == "" {
		fmt.Fprintln(c.stdout, "Choose later with: crieur whatsapp channels --pick N")
		return nil
	}
	n, err := strconv.Atoi(line)
	if err != nil || n < 1 || n > len(channels) {
		return fmt.Errorf("%q is not a number from 1 to %d; choose with 'crieur whatsapp channels --pick N'", line, len(channels))
	}
	return c.chooseChannel(channels[n-1])
}

const noChannels = `This account administers no channel yet. Create one on the phone
(Updates > Channels > +), or have its owner make this account an admin
(a channel can have up to 16), then run 'crieur whatsapp channels'.
`

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
		fmt.Fprintf(c.stdout, "%s %d. %s (%s, %d %s) %s\n", mark, i+1, escapeControls(ch.Name), escapeControls(ch.Role),
			ch.Followers, plural(ch.Followers, "follower", "followers"), escapeControls(ch.JID))
	}
}

// chooseChannel writes the channel into the settings.
func (c *cli) chooseChannel(ch sender.Channel) error {
	before, _, _ := settings.Load(c.configPath())
	if err := settings.SetWhatsAppChannel(c.configPath(), ch.JID, ch.Name); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "The desk now posts to %s (%s); the settings are in %s.\n",
		escapeControls(ch.Name), escapeControls(ch.JID), c.configPath())
	after, _, err := settings.Load(c.configPath())
	if err == nil && len(after.DestinationsOf(settings.KindManual)) < len(before.DestinationsOf(settings.KindManual)) {
		fmt.Fprintln(c.stdout, "The copy-and-paste destination is turned off (commented in the settings): the desk publishes on the channel itself.")
	}
	return nil
}

func (c *cli) whatsappChannels(pick int, invite string) error {
	device := c.whatsappDevice()
	defer closeDevice(device)
	ctx, cancel := context.WithTimeout(context.Background(), whatsappTimeout)
	defer cancel()
	if invite != "" {
		ch, err := device.ChannelFromInvite(ctx, invite)
		if err != nil {
			return fmt.Errorf("read the invite: %w", err)
		}
		if ch.Role != "owner" && ch.Role != "admin" {
			role := ch.Role
			if role == "" {
				role = "not an admin"
			}
			return fmt.Errorf("the linked account is %s of %s: it cannot post there; have the owner make it an admin first",
				escapeControls(role), escapeControls(ch.Name))
		}
		return c.chooseChannel(ch)
	}
	channels, err := device.Channels(ctx)
	if err != nil {
		return fmt.Errorf("list the channels: %w", err)
	}
	if len(channels) == 0 {
		fmt.Fprint(c.stdout, noChannels)
		if pick != 0 {
			return errors.New("no channel to pick")
		}
		return nil
	}
	if pick != 0 {
		if pick < 1 || pick > len(channels) {
			return usageError{fmt.Sprintf("--pick %d: there are %d channels; run 'crieur whatsapp channels' for the list", pick, len(channels))}
		}
		return c.chooseChannel(channels[pick-1])
	}
	c.printChannels(channels)
	fmt.Fprintln(c.stdout, "\nChoose with --pick N, or --invite LINK for a channel not listed.")
	return nil
}

// connector is a device that can be asked to connect now and say why it
// cannot: the real one.
type connector interface {
	Connect(ctx context.Context) error
	Problem() error
}

func (c *cli) whatsappStatus() error {
	device := c.whatsappDevice()
	defer closeDevice(device)
	settings, err := c.settings()
	if err != nil {
		return err
	}
	if d, ok := device.(interface{ Dir() string }); ok {
		fmt.Fprintf(c.stdout, "session:    %s\n", d.Dir())
	}
	channel := "none chosen: crieur whatsapp channels"
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
		account = "none"
	}
	fmt.Fprintf(c.stdout, "account:    %s\nchannel:    %s\nconnection: %s\n", escapeControls(account), channel, state)
	switch state {
	case sender.WAConnected:
		return nil
	case sender.WANotLinked:
		return errors.New("not linked: crieur whatsapp link")
	case sender.WALoggedOut:
		return errors.New("the phone logged this desk out: crieur whatsapp link")
	}
	if connectErr != nil {
		return fmt.Errorf("not connected: %w", connectErr)
	}
	return errors.New("not connected")
}

func (c *cli) whatsappUnlink() error {
	device := c.whatsappDevice()
	defer closeDevice(device)
	if device.State() == sender.WANotLinked {
		fmt.Fprintln(c.stdout, "This desk is not linked to WhatsApp: nothing to unlink.")
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), whatsappTimeout)
	defer cancel()
	if err := device.Unlink(ctx); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, "Unlinked: the phone no longer lists this desk, and its session was deleted.")
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
