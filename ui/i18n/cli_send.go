package i18n

// SendText is what crieur send says, in the help and in the lines a run
// prints for cron's mail.
type SendText struct {
	Summary, Usage string

	NoArgs, NeedsDue, NoData, DeskOpen string
	// What the desk that holds the data file is doing, by its heartbeat:
	// sending (DeskSends), silent too long (DeskStopped) or unable to
	// send (DeskNotSending).
	DeskSends, DeskStopped, DeskNotSending string
	NeedAttention, Retargeted, Recovered   Plural
	// Results name each send's outcome, by sender.Result.
	Results map[string]string
	// A send's line: the outcome, the post's title, the destination, then
	// what follows.
	Line, SentAs, WaitingNext, Detail, Outbox, CheckChannel, NothingDue string
	// Orphaned follows a send whose destination is no longer in the
	// settings and that waits for a person.
	Orphaned string
	// ToPaste is a copy-and-paste send: the text waits in the outbox for a
	// person to post it, and to say so on the desk.
	ToPaste string
	// PicturesTaken says what became of the pictures a data file from an
	// older crieur named by their path alone: how many were taken, how
	// many could not be (the count first), how many validations went.
	PicturesTaken, PicturesRefused, PicturesLost, PicturesLeft Plural
}

var sendEN = SendText{
	Summary: "send the posts that are due, from cron or a timer",
	Usage: `Usage: crieur send --due [--dry-run]

Sends the posts whose time has come to their destinations, for cron or a
systemd timer. While the desk has the data file open it says so, sends
nothing and exits 0: the desk sends what is due itself; but when the desk
has not run its sends for five minutes (stopped, hung) or cannot send, it
says so and exits 1. It prints one line per send and exits 1 when a send
failed, may have gone out (unknown), no longer matches what was
validated, or waits for a destination no longer in the settings
(orphaned: the desk's week moves it or cancels it). A copy-and-paste send is
no failure: its text waits in the outbox for a person to post it, one
line says so, and the exit status is 0; crieur sends lists those texts
and crieur sends mark settles them.

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
`,
	NoArgs:         "send takes no arguments (got %q); run 'crieur send -h' for help",
	NeedsDue:       "send needs --due; run 'crieur send -h' for help",
	NoData:         "no data file at %s yet: nothing to send\n",
	DeskOpen:       "the desk has %s open: nothing sent now; the next run will send what is due\n",
	DeskSends:      "the desk has %s open and sends what is due itself (its last run at %s): nothing sent from here\n",
	DeskStopped:    "the desk (process %d) has %s open but has not run its sends since %s, %d minutes ago: it may be stopped or hung, and nothing was sent; look at it, or close it and the next run sends",
	DeskNotSending: "the desk (process %d) has %s open but does not send (its destinations could not be set up when it opened): nothing was sent; fix the settings and open the desk again",
	NeedAttention:  Plural{One: "%s send needs a person's attention", Other: "%s sends need a person's attention"},
	Retargeted:     Plural{One: "%s planned post is now going to the destinations of the settings\n", Other: "%s planned posts are now going to the destinations of the settings\n"},
	Recovered:      Plural{One: "%s send was cut short by a crash: the outcome is unknown\n", Other: "%s sends were cut short by a crash: the outcome is unknown\n"},
	Results: map[string]string{
		"sent": "sent", "waiting": "waiting", "failed": "failed", "unknown": "unknown",
		"seal broken": "seal broken", "not begun": "not begun", "due": "due",
		"to paste": "to paste", "orphaned": "orphaned",
	},
	Line:            "%s %s -> %s",
	SentAs:          " (message %s)",
	WaitingNext:     ": %s; the next run tries again",
	Detail:          ": %s",
	Outbox:          " (text in %s)",
	CheckChannel:    "; check the channel: it is not sent again by itself",
	NothingDue:      "nothing is due\n",
	Orphaned:        ": %s is no longer in the settings; on the desk's week, S sends the post to the destinations of the settings, u cancels this send",
	ToPaste:         ": ready to paste in WhatsApp; once it is posted: crieur sends mark ID went (or m in the desk)",
	PicturesTaken:   Plural{One: "the picture of %s post was taken into the data file, as this crieur keeps them", Other: "the pictures of %s posts were taken into the data file, as this crieur keeps them"},
	PicturesRefused: Plural{One: "%s picture could not be: its post's checks say why", Other: "%s pictures could not be: their posts' checks say why"},
	PicturesLost:    Plural{One: "%s validated post went back to ready: its picture is not the one validated", Other: "%s validated posts went back to ready: their pictures are not the ones validated"},
	PicturesLeft:    Plural{One: "the picture of %s post was not reached in time; the next run takes it", Other: "the pictures of %s posts were not reached in time; the next run takes them"},
}

var sendFR = SendText{
	Summary: "envoie les publications dont l’heure est venue, depuis cron ou un minuteur",
	Usage: `Usage : crieur send --due [--dry-run]

Envoie à leurs destinations les publications dont l’heure est venue, pour
cron ou un minuteur systemd. Quand le bureau a le fichier de données
ouvert, il le dit, n’envoie rien et sort avec 0 : le bureau envoie
lui-même ce qui est dû ; mais quand le bureau n’a pas fait ses envois
depuis cinq minutes (arrêté, bloqué) ou ne peut pas envoyer, il le dit et
sort avec 1. Il écrit une ligne par envoi et sort avec 1 quand un envoi a
échoué, est peut-être parti (incertain), ne correspond plus à ce qui a été
validé, ou attend une destination retirée des réglages (orpheline : la
semaine du bureau l’envoie ailleurs ou l’annule). Un envoi par
copier-coller n’est pas un échec : son texte attend dans l’outbox
qu’on le publie, une ligne le dit, et la sortie est 0 ; crieur sends
liste ces textes et crieur sends mark les règle.

Un envoi est tenté une fois par passage. Celui qui n’a pas pu quitter la
machine (pas de réseau, destination occupée) attend le passage suivant ;
celui qui est peut-être parti (un arrêt brutal, pas de réponse) n’est
jamais renvoyé de lui-même : vérifiez d’abord la chaîne.

  --due       envoie ce qui est dû maintenant
  --dry-run   liste ce qui partirait, sans rien envoyer

Les jetons viennent de l’environnement ou du fichier secrets.env voisin
du fichier des réglages (chmod 600) : CRIEUR_TELEGRAM_TOKEN,
CRIEUR_WEBHOOK_SECRET.

Toutes les cinq minutes depuis cron (crontab -e) :

  */5 * * * * crieur send --due

Ou un minuteur systemd de l’utilisateur,
~/.config/systemd/user/crieur-send.service :

  [Service]
  Type=oneshot
  ExecStart=%h/go/bin/crieur send --due

et ~/.config/systemd/user/crieur-send.timer :

  [Timer]
  OnCalendar=*:0/5
  Persistent=true

  [Install]
  WantedBy=timers.target

puis : systemctl --user enable --now crieur-send.timer
`,
	NoArgs:         "send ne prend pas d’argument (reçu « %s ») ; « crieur send -h » donne l’aide",
	NeedsDue:       "send demande --due ; « crieur send -h » donne l’aide",
	NoData:         "pas encore de fichier de données à %s : rien à envoyer\n",
	DeskOpen:       "le bureau a %s ouvert : rien n’est envoyé maintenant ; le passage suivant enverra ce qui est dû\n",
	DeskSends:      "le bureau a %s ouvert et envoie lui-même ce qui est dû (son dernier passage à %s) : rien n’est envoyé d’ici\n",
	DeskStopped:    "le bureau (processus %d) a %s ouvert mais n’a pas fait ses envois depuis %s, il y a %d minutes : il est peut-être arrêté ou bloqué, et rien n’est parti ; allez voir, ou fermez-le et le passage suivant enverra",
	DeskNotSending: "le bureau (processus %d) a %s ouvert mais n’envoie pas (ses destinations n’ont pas pu être préparées à son ouverture) : rien n’est parti ; corrigez les réglages et rouvrez le bureau",
	NeedAttention:  Plural{One: "%s envoi demande l’attention de quelqu’un", Other: "%s envois demandent l’attention de quelqu’un"},
	Retargeted:     Plural{One: "%s publication planifiée part désormais vers les destinations des réglages\n", Other: "%s publications planifiées partent désormais vers les destinations des réglages\n"},
	Recovered:      Plural{One: "%s envoi a été interrompu par un arrêt brutal : on ne sait pas s’il est parti\n", Other: "%s envois ont été interrompus par un arrêt brutal : on ne sait pas s’ils sont partis\n"},
	Results: map[string]string{
		"sent": "parti", "waiting": "en attente", "failed": "échec", "unknown": "incertain",
		"seal broken": "sceau rompu", "not begun": "non commencé", "due": "à envoyer",
		"to paste": "à coller", "orphaned": "orpheline",
	},
	Line:            "%s %s -> %s",
	SentAs:          " (message %s)",
	WaitingNext:     " : %s ; le passage suivant réessaiera",
	Detail:          " : %s",
	Outbox:          " (texte dans %s)",
	CheckChannel:    " ; vérifiez la chaîne : il ne repartira pas de lui-même",
	NothingDue:      "rien n’est dû\n",
	Orphaned:        " : %s n’est plus dans les réglages ; sur la semaine du bureau, S envoie la publication vers les destinations des réglages, u annule cet envoi",
	ToPaste:         "\u202f: prêt à coller dans WhatsApp\u202f; une fois publié\u202f: crieur sends mark ID went (ou m dans le bureau)",
	PicturesTaken:   Plural{One: "l’image de %s publication a été prise dans le fichier de données, où ce crieur garde les images", Other: "les images de %s publications ont été prises dans le fichier de données, où ce crieur garde les images"},
	PicturesRefused: Plural{One: "%s image n’a pas pu l’être : les vérifications de sa publication disent pourquoi", Other: "%s images n’ont pas pu l’être : les vérifications de leurs publications disent pourquoi"},
	PicturesLost:    Plural{One: "%s publication validée est repassée en prête : son image n’est pas celle validée", Other: "%s publications validées sont repassées en prêtes : leurs images ne sont pas celles validées"},
	PicturesLeft:    Plural{One: "l’image de %s publication n’a pas été atteinte à temps ; le prochain passage la prendra", Other: "les images de %s publications n’ont pas été atteintes à temps ; le prochain passage les prendra"},
}
