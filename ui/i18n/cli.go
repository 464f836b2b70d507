package i18n

// CLIText is what the command line says: its help, its messages and its
// errors. What scripts read is not here and never translated: command and
// flag names, the values flags take, JSON field names and values, exit
// statuses.
//
// Each command keeps its words in its own file (cli_list.go, …), with the
// French and the English side by side; a new command adds its type there
// and a field here.
type CLIText struct {
	Common   CommonText
	List     ListText
	Exchange ExchangeText
	Preview  PreviewText
	Send     SendText
	WhatsApp WhatsAppCLIText
	Backup   BackupText
	Version  VersionText
	Sends    SendsText
	Crash    CrashText
	Meeting  MeetingCLIText
}

// CommonText is what every command may say: the program's help, the
// global options, the command line's mistakes and the data file's
// troubles.
type CommonText struct {
	// ErrorLine and WarningLine frame a message on stderr.
	ErrorLine, WarningLine string
	// MainHead and MainFoot surround the list of commands in crieur -h;
	// HelpSummary is the line of the help command.
	MainHead, MainFoot, HelpSummary string
	// Options lists the global options; its arguments are the default
	// data file and settings file.
	Options string

	UnknownCommand, NoCommand, BadLang string
	// BadFlags follows a flag the command line got wrong: the problem,
	// then the command to ask for help.
	BadFlags string
	// The flag package's own complaints, reworded.
	FlagUndefined, FlagNeedsArg, FlagBadValue, FlagBadSyntax string

	// Opening the data file.
	Locked, Newer, Damaged, Permission, DiskFull string
	SamplesFailed, DeskWillNotSend               string

	// PathError is a file the system refused, with its reason: one of
	// NoSuchFile, PermissionDenied, IsFolder, NoSpace, ReadOnly, or the
	// system's own words.
	PathError, NoSuchFile, PermissionDenied, IsFolder, NoSpace, ReadOnly string

	// BadSettings is a settings file that cannot be used: its path and
	// what is wrong (Text.SettingsProblem).
	BadSettings string

	// NotRegular is a path that is not a regular file, and what it is:
	// FileKinds names it (folder, fifo, socket, device, other).
	NotRegular string
	FileKinds  map[string]string
}

var commonEN = CommonText{
	ErrorLine:   "crieur: %s\n",
	WarningLine: "crieur: warning: %s\n",
	MainHead: `crieur: the editorial desk of a city's WhatsApp Channel.

Usage:
  crieur [options]              open the desk in the terminal
  crieur [options] COMMAND ...  run a command on the same data file

Commands:
`,
	MainFoot: `
The first time the desk opens a new data file it fills it with a sample
week of posts, marked as samples and removable in one step. Each day the
desk opens, it copies the data file into the backups folder beside it
and keeps the last 7 copies.

Run 'crieur COMMAND -h' for the help of a command.
`,
	HelpSummary: "show the help of a command: crieur help import",
	Options: `Options (before or after the command):
  --db PATH       the data file
                  (default %s)
  --config PATH   the settings file, created with comments on first run
                  (default %s)
  --lang fr|en    the desk's language; by default the language setting,
                  else French when LC_ALL, LC_MESSAGES or LANG starts with fr
  --offline       no network: the pages posts link to are not read (their
                  cards show the links' domains) and only the copy-and-paste
                  destination sends; the others' sends wait
`,
	UnknownCommand: "unknown command %q; run 'crieur -h' for the list",
	NoCommand:      "no command %q; run 'crieur -h' for the list",
	BadLang:        "--lang is %q; use fr or en",
	BadFlags:       "%s; run '%s -h' for help",
	FlagUndefined:  "flag provided but not defined: %s",
	FlagNeedsArg:   "flag needs an argument: %s",
	FlagBadValue:   "invalid value %q for flag %s",
	FlagBadSyntax:  "bad flag syntax: %s",

	Locked:          "%s is open in another crieur; close it and try again",
	Newer:           "%s was written by a newer crieur; install that version to open it (the file was left untouched)",
	Damaged:         "%s is damaged or is not a crieur data file; it was left untouched, and the daily backups are in %s",
	Permission:      "%s cannot be opened: permission denied",
	DiskFull:        "%s: the disk is full, or the file may grow no more; nothing was saved: free some space and try again (%v)",
	SamplesFailed:   "the sample week could not be added: %v",
	DeskWillNotSend: "the desk will not send: %v",

	PathError:        "%s: %s",
	NoSuchFile:       "no such file or directory",
	PermissionDenied: "permission denied",
	IsFolder:         "is a directory",
	NoSpace:          "no space left on device",
	ReadOnly:         "read-only file system",

	BadSettings: "settings %s: bad settings: %s",

	NotRegular: "%s: not a regular file (%s)",
	FileKinds: map[string]string{
		"folder": "a folder", "fifo": "a FIFO", "socket": "a socket", "device": "a device", "other": "a special file",
	},
}

var commonFR = CommonText{
	ErrorLine:   "crieur : %s\n",
	WarningLine: "crieur : attention : %s\n",
	MainHead: `crieur : le bureau de rédaction de la chaîne WhatsApp d’une ville.

Usage :
  crieur [options]               ouvre le bureau dans le terminal
  crieur [options] COMMANDE ...  lance une commande sur le même fichier de données

Commandes :
`,
	MainFoot: `
La première fois que le bureau ouvre un nouveau fichier de données, il y
met une semaine de publications d’exemple, marquées comme telles et
supprimables d’un coup. Chaque jour où il s’ouvre, le bureau copie le
fichier de données dans le dossier des sauvegardes voisin et garde les
7 dernières copies.

« crieur COMMANDE -h » donne l’aide d’une commande.
`,
	HelpSummary: "l’aide d’une commande : crieur help import",
	Options: `Options (avant ou après la commande) :
  --db CHEMIN       le fichier de données
                    (par défaut %s)
  --config CHEMIN   le fichier des réglages, créé et commenté au premier
                    lancement (par défaut %s)
  --lang fr|en      la langue du bureau ; par défaut le réglage language,
                    sinon le français quand LC_ALL, LC_MESSAGES ou LANG
                    commence par fr
  --offline         sans réseau : les pages des liens ne sont pas lues (leurs
                    aperçus montrent le domaine du lien) et seule la
                    destination par copier-coller envoie ; les autres envois
                    attendent
`,
	UnknownCommand: "commande inconnue « %s » ; « crieur -h » en donne la liste",
	NoCommand:      "pas de commande « %s » ; « crieur -h » en donne la liste",
	BadLang:        "--lang vaut « %s » : choisissez fr ou en",
	BadFlags:       "%s ; « %s -h » donne l’aide",
	FlagUndefined:  "option inconnue : %s",
	FlagNeedsArg:   "l’option %s attend une valeur",
	FlagBadValue:   "valeur « %s » invalide pour l’option %s",
	FlagBadSyntax:  "option mal écrite : %s",

	Locked:          "%s est ouvert dans un autre crieur : fermez-le et recommencez",
	Newer:           "%s a été écrit par une version plus récente de crieur : installez-la pour l’ouvrir (le fichier n’a pas été touché)",
	Damaged:         "%s est abîmé ou n’est pas un fichier de données de crieur ; il n’a pas été touché, et les sauvegardes quotidiennes sont dans %s",
	Permission:      "%s ne peut pas être ouvert : permission refusée",
	DiskFull:        "%s : le disque est plein, ou le fichier ne peut plus grandir ; rien n’a été enregistré : libérez de la place et recommencez (%v)",
	SamplesFailed:   "la semaine d’exemple n’a pas pu être ajoutée : %v",
	DeskWillNotSend: "le bureau n’enverra rien : %v",

	PathError:        "%s : %s",
	NoSuchFile:       "fichier ou dossier introuvable",
	PermissionDenied: "permission refusée",
	IsFolder:         "c’est un dossier",
	NoSpace:          "plus de place sur le disque",
	ReadOnly:         "système de fichiers en lecture seule",

	BadSettings: "réglages %s : réglage invalide : %s",

	NotRegular: "%s : pas un fichier ordinaire (%s)",
	FileKinds: map[string]string{
		"folder": "un dossier", "fifo": "une FIFO", "socket": "une socket", "device": "un périphérique", "other": "un fichier spécial",
	},
}

var cliEN = CLIText{
	Common: commonEN, List: listEN, Exchange: exchangeEN, Preview: previewEN,
	Send: sendEN, WhatsApp: whatsappEN, Backup: backupEN, Version: versionEN,
	Sends:   sendsEN,
	Crash:   crashEN,
	Meeting: meetingCLIEN,
}

var cliFR = CLIText{
	Common: commonFR, List: listFR, Exchange: exchangeFR, Preview: previewFR,
	Send: sendFR, WhatsApp: whatsappFR, Backup: backupFR, Version: versionFR,
	Sends:   sendsFR,
	Crash:   crashFR,
	Meeting: meetingCLIFR,
}
