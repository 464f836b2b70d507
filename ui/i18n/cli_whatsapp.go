package i18n

// WhatsAppCLIText is what crieur whatsapp says.
type WhatsAppCLIText struct {
	Summary, Usage                                     string
	LinkUsage, ChannelsUsage, StatusUsage, UnlinkUsage string

	NeedsCommand, UnknownCommand, NoArgs, PickOrInvite string

	AlreadyLinked, LinkFailed, Stopped, StoppedEarly, Expired string
	SecondsLeft, Linked                                       string
	// PairCode is the lines above the code to type; ScanQR the line above
	// the QR code.
	PairCode, ScanQR string

	ListFailed, NoChannels, ChooseWith, WhichChannel, ChooseLater   string
	NotANumber, ChannelLine, NowPostsTo, ManualOff                  string
	Followers                                                       Plural
	ReadInvite, NotAdmin, NotAnAdmin, ListChannels, NoChannelToPick string
	BadPick, ChooseHint                                             string

	// Status lines.
	Session, Account, Channel, Connection, NoChannel, NoAccount string
	NotLinked, LoggedOut, NotConnected, NotConnectedBecause     string
	// States name the connection's states, by sender.WAState.
	States [5]string

	NothingToUnlink, Unlinked string
}

var whatsappEN = WhatsAppCLIText{
	Summary: "link the desk to WhatsApp and choose the channel",
	Usage: `Usage: crieur whatsapp link [--phone NUMBER]
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
`,
	LinkUsage: `Usage: crieur whatsapp link [--phone NUMBER]

Links the desk to a WhatsApp account. On the phone: Settings, Linked
devices, Link a device, then scan the QR code shown here; it is renewed
every 20 seconds or so, for about two and a half minutes. With --phone,
a code of 8 characters is shown instead, to type on the phone after
"Link with phone number instead".

Once linked, it lists the channels the account administers and asks which
one to post to (or says how to choose, when not run in a terminal).

  --phone NUMBER   pair with a code instead of a QR code; the account's
                   number in international form, as +33 6 12 34 56 78
`,
	ChannelsUsage: `Usage: crieur whatsapp channels [--pick N | --invite LINK]

Lists the channels the linked account owns or administers; the one the
settings post to is marked with *. Choosing one writes it into the
settings file (a [[destination]] of kind whatsapp), keeping its comments.

  --pick N        post to the Nth channel of the list
  --invite LINK   post to the channel of this invite link
                  (https://whatsapp.com/channel/...)
`,
	StatusUsage: `Usage: crieur whatsapp status

Prints the linked account, the channel the settings post to and the state
of the connection, after connecting for a few seconds to tell. Exits 1
when the desk is not linked, was logged out, or cannot connect.
`,
	UnlinkUsage: `Usage: crieur whatsapp unlink

Logs the desk out of the WhatsApp account (the phone no longer lists it)
and deletes its session. The channel stays in the settings; link again to
post to it.
`,
	NeedsCommand:   "whatsapp needs a command: link, channels, status or unlink",
	UnknownCommand: "unknown whatsapp command %q; use link, channels, status or unlink",
	NoArgs:         "whatsapp %[1]s takes no arguments (got %[2]q); run 'crieur whatsapp %[1]s -h' for help",
	PickOrInvite:   "give --pick or --invite, not both",

	AlreadyLinked: "this desk is already linked to WhatsApp; 'crieur whatsapp unlink' first to link another account",
	LinkFailed:    "link WhatsApp: %w",
	Stopped:       "linking stopped",
	StoppedEarly:  "linking stopped before the phone accepted it; run 'crieur whatsapp link' again",
	Expired:       "the code was not used in time; run 'crieur whatsapp link' again",
	SecondsLeft:   "  %d seconds left; Ctrl+C to stop",
	Linked:        "Linked to %s.\n\n",
	PairCode:      "On the phone: Settings > Linked devices > Link a device >\nLink with phone number instead, then type:",
	ScanQR:        "Scan with WhatsApp on the phone: Settings > Linked devices > Link a device",

	ListFailed: "linked, but the channels could not be listed (%w); run 'crieur whatsapp channels'",
	NoChannels: `This account administers no channel yet. Create one on the phone
(Updates > Channels > +), or have its owner make this account an admin
(a channel can have up to 16), then run 'crieur whatsapp channels'.
`,
	ChooseWith:      "\nChoose the channel to post to with: crieur whatsapp channels --pick N\n",
	WhichChannel:    "\nWhich channel should the desk post to? Number (1-%d), or Enter to choose later: ",
	ChooseLater:     "Choose later with: crieur whatsapp channels --pick N\n",
	NotANumber:      "%q is not a number from 1 to %d; choose with 'crieur whatsapp channels --pick N'",
	ChannelLine:     "%s %d. %s (%s, %s) %s\n",
	Followers:       Plural{One: "%s follower", Other: "%s followers"},
	NowPostsTo:      "The desk now posts to %s (%s); the settings are in %s.\n",
	ManualOff:       "The copy-and-paste destination is turned off (commented in the settings): the desk publishes on the channel itself.\n",
	ReadInvite:      "read the invite: %w",
	NotAdmin:        "the linked account is %s of %s: it cannot post there; have the owner make it an admin first",
	NotAnAdmin:      "not an admin",
	ListChannels:    "list the channels: %w",
	NoChannelToPick: "no channel to pick",
	BadPick:         "--pick %d: there are %d channels; run 'crieur whatsapp channels' for the list",
	ChooseHint:      "\nChoose with --pick N, or --invite LINK for a channel not listed.\n",

	Session: "session:    %s\n", Account: "account:    %s\n", Channel: "channel:    %s\n", Connection: "connection: %s\n",
	NoChannel: "none chosen: crieur whatsapp channels", NoAccount: "none",
	NotLinked:           "not linked: crieur whatsapp link",
	LoggedOut:           "the phone logged this desk out: crieur whatsapp link",
	NotConnected:        "not connected",
	NotConnectedBecause: "not connected: %w",
	States:              [5]string{"not linked", "connecting", "connected", "offline", "logged out"},

	NothingToUnlink: "This desk is not linked to WhatsApp: nothing to unlink.\n",
	Unlinked:        "Unlinked: the phone no longer lists this desk, and its session was deleted.\n",
}

var whatsappFR = WhatsAppCLIText{
	Summary: "lie le bureau à WhatsApp et choisit la chaîne",
	Usage: `Usage : crieur whatsapp link [--phone NUMÉRO]
        crieur whatsapp channels [--pick N | --invite LIEN]
        crieur whatsapp status
        crieur whatsapp unlink

Lie le bureau à un compte WhatsApp comme appareil connecté, à la manière
de WhatsApp Web, pour qu’il publie lui-même sur la chaîne WhatsApp de la
ville, et choisit cette chaîne. « crieur whatsapp COMMANDE -h » donne
l’aide de chaque commande.

  link       affiche un QR code à scanner sur le téléphone, ou un code à
             saisir
  channels   liste les chaînes que le compte administre et en choisit une
  status     le compte lié, la chaîne choisie, la connexion
  unlink     déconnecte le bureau et supprime sa session

La session vit dans le dossier « whatsapp » voisin du fichier de données,
lisible par vous seul. Utilisez un compte d’administration dédié, sur un
numéro à part : automatiser un compte personnel peut le faire bannir.
`,
	LinkUsage: `Usage : crieur whatsapp link [--phone NUMÉRO]

Lie le bureau à un compte WhatsApp. Sur le téléphone : Paramètres,
Appareils connectés, Connecter un appareil, puis scannez le QR code
affiché ici ; il est renouvelé toutes les 20 secondes environ, pendant
deux minutes et demie à peu près. Avec --phone, c’est un code de 8
caractères qui s’affiche, à saisir sur le téléphone après « Connecter avec
le numéro de téléphone ».

Une fois lié, il liste les chaînes que le compte administre et demande sur
laquelle publier (ou dit comment choisir, hors d’un terminal).

  --phone NUMÉRO   associer avec un code plutôt qu’un QR code ; le numéro
                   du compte au format international, par ex.
                   +33 6 12 34 56 78
`,
	ChannelsUsage: `Usage : crieur whatsapp channels [--pick N | --invite LIEN]

Liste les chaînes dont le compte lié est propriétaire ou administrateur ;
celle où publient les réglages est marquée d’un *. En choisir une l’écrit
dans le fichier des réglages (une [[destination]] de kind whatsapp), en
gardant ses commentaires.

  --pick N        publier sur la N-ième chaîne de la liste
  --invite LIEN   publier sur la chaîne de ce lien d’invitation
                  (https://whatsapp.com/channel/...)
`,
	StatusUsage: `Usage : crieur whatsapp status

Affiche le compte lié, la chaîne où publient les réglages et l’état de la
connexion, après s’être connecté quelques secondes pour le savoir. Sort
avec 1 quand le bureau n’est pas lié, a été déconnecté, ou ne peut pas se
connecter.
`,
	UnlinkUsage: `Usage : crieur whatsapp unlink

Déconnecte le bureau du compte WhatsApp (le téléphone ne le liste plus) et
supprime sa session. La chaîne reste dans les réglages ; liez de nouveau
pour y publier.
`,
	NeedsCommand:   "whatsapp demande une commande : link, channels, status ou unlink",
	UnknownCommand: "commande whatsapp inconnue « %s » : choisissez link, channels, status ou unlink",
	NoArgs:         "whatsapp %[1]s ne prend pas d’argument (reçu « %[2]s ») ; « crieur whatsapp %[1]s -h » donne l’aide",
	PickOrInvite:   "donnez --pick ou --invite, pas les deux",

	AlreadyLinked: "ce bureau est déjà lié à WhatsApp ; « crieur whatsapp unlink » d’abord pour lier un autre compte",
	LinkFailed:    "liaison WhatsApp : %w",
	Stopped:       "liaison interrompue",
	StoppedEarly:  "liaison interrompue avant que le téléphone l’accepte ; relancez « crieur whatsapp link »",
	Expired:       "le code n’a pas été utilisé à temps ; relancez « crieur whatsapp link »",
	SecondsLeft:   "  encore %d secondes ; Ctrl+C pour arrêter",
	Linked:        "Lié à %s.\n\n",
	PairCode:      "Sur le téléphone : Paramètres > Appareils connectés > Connecter un appareil >\nConnecter avec le numéro de téléphone, puis saisissez :",
	ScanQR:        "Scannez avec WhatsApp sur le téléphone : Paramètres > Appareils connectés > Connecter un appareil",

	ListFailed: "lié, mais les chaînes n’ont pas pu être listées (%w) ; lancez « crieur whatsapp channels »",
	NoChannels: `Ce compte n’administre encore aucune chaîne. Créez-en une sur le téléphone
(Actus > Chaînes > +), ou demandez à son propriétaire d’en faire un
administrateur (une chaîne peut en avoir jusqu’à 16), puis lancez
« crieur whatsapp channels ».
`,
	ChooseWith:      "\nChoisissez la chaîne où publier avec : crieur whatsapp channels --pick N\n",
	WhichChannel:    "\nSur quelle chaîne le bureau doit-il publier ? Numéro (1-%d), ou Entrée pour choisir plus tard : ",
	ChooseLater:     "Choisissez plus tard avec : crieur whatsapp channels --pick N\n",
	NotANumber:      "« %s » n’est pas un nombre de 1 à %d ; choisissez avec « crieur whatsapp channels --pick N »",
	ChannelLine:     "%s %d. %s (%s, %s) %s\n",
	Followers:       Plural{One: "%s abonné", Other: "%s abonnés"},
	NowPostsTo:      "Le bureau publie désormais sur %s (%s) ; les réglages sont dans %s.\n",
	ManualOff:       "La destination par copier-coller est désactivée (mise en commentaire dans les réglages) : le bureau publie lui-même sur la chaîne.\n",
	ReadInvite:      "lecture de l’invitation : %w",
	NotAdmin:        "le compte lié est %s de %s : il ne peut pas y publier ; demandez d’abord au propriétaire d’en faire un administrateur",
	NotAnAdmin:      "non administrateur",
	ListChannels:    "liste des chaînes : %w",
	NoChannelToPick: "aucune chaîne à choisir",
	BadPick:         "--pick %d : il y a %d chaînes ; « crieur whatsapp channels » en donne la liste",
	ChooseHint:      "\nChoisissez avec --pick N, ou --invite LIEN pour une chaîne absente de la liste.\n",

	Session: "session :   %s\n", Account: "compte :    %s\n", Channel: "chaîne :    %s\n", Connection: "connexion : %s\n",
	NoChannel: "aucune choisie : crieur whatsapp channels", NoAccount: "aucun",
	NotLinked:           "non lié : crieur whatsapp link",
	LoggedOut:           "le téléphone a déconnecté ce bureau : crieur whatsapp link",
	NotConnected:        "non connecté",
	NotConnectedBecause: "non connecté : %w",
	States:              [5]string{"non lié", "connexion en cours", "connecté", "hors ligne", "déconnecté"},

	NothingToUnlink: "Ce bureau n’est pas lié à WhatsApp : rien à délier.\n",
	Unlinked:        "Délié : le téléphone ne liste plus ce bureau, et sa session est supprimée.\n",
}
