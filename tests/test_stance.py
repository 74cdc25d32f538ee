"""The stance tagger's rules, each on sentences written for it, with the cases where it must not
fire. Docs are built by hand through the earlier stages (`tests.test_components`), so the
expected stances do not depend on the statistical parser."""
from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import SKOS

from kg.actors import Actors
from kg.annotations import CONTENTS, CueKind, StanceBasis
from kg.polarity import Polarity
from kg.stance import Side, StanceTagger
from tests.test_components import ID, lexicon, parsed, through, vocab  # noqa: F401 (fixtures)

CASES = [
    # 1. a consequence held out warns; a prediction or a bare refusal does not
    ('Lavrov said Russia will respond to any deployment.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 4 nsubj PROPN Russia NNP
will 4 aux AUX will MD
respond 1 ccomp VERB respond VB
to 4 prep ADP to IN
any 7 det DET any DT
deployment 5 pobj NOUN deployment NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia")}, "said", "warns"),
    ('Lavrov said any deployment will be regarded as a threat.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
any 3 det DET any DT
deployment 6 nsubjpass NOUN deployment NN
will 6 aux AUX will MD
be 6 auxpass AUX be VB
regarded 1 ccomp VERB regard VBN
as 6 prep ADP as IN
a 9 det DET a DT
threat 7 pobj NOUN threat NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "warns"),
    ('Lavrov said Russia will refuse the deal if Washington imposes conditions.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 4 nsubj PROPN Russia NNP
will 4 aux AUX will MD
refuse 1 ccomp VERB refuse VB
the 6 det DET the DT
deal 4 dobj NOUN deal NN
if 9 mark SCONJ if IN
Washington 9 nsubj PROPN Washington NNP
imposes 4 advcl VERB impose VBZ
conditions 9 dobj NOUN condition NNS
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia"),
     (8, 9): ("ORG", ID + "united-states-government")}, "said", "warns"),
    ('Lavrov said Russia will refuse the deal.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 4 nsubj PROPN Russia NNP
will 4 aux AUX will MD
refuse 1 ccomp VERB refuse VB
the 6 det DET the DT
deal 4 dobj NOUN deal NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia")}, "said", "rejects"),
    ('Lavrov said talks may resume if Washington agrees.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
talks 4 nsubj NOUN talk NNS
may 4 aux AUX may MD
resume 1 ccomp VERB resume VB
if 7 mark SCONJ if IN
Washington 7 nsubj PROPN Washington NNP
agrees 4 advcl VERB agree VBZ
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (6, 7): ("ORG", ID + "united-states-government")}, "said", "claims"),
    # 2. a refusal rejects; a plain negation turns by the scheme, a fact with "no" claims, another's
    #    withdrawal is reported
    ('Lavrov said Russia cannot accept the proposal.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 5 nsubj PROPN Russia NNP
can 5 aux AUX can MD
not 5 neg PART not RB
accept 1 ccomp VERB accept VB
the 7 det DET the DT
proposal 5 dobj NOUN proposal NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia")}, "said", "rejects"),
    ('Lavrov said Russia does not accept the proposal.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 5 nsubj PROPN Russia NNP
does 5 aux AUX do VBZ
not 5 neg PART not RB
accept 1 ccomp VERB accept VB
the 7 det DET the DT
proposal 5 dobj NOUN proposal NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia")}, "said", "opposes"),
    ('Lavrov said there will be no talks until the troops leave.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
there 4 expl PRON there EX
will 4 aux AUX will MD
be 1 ccomp AUX be VB
no 6 det DET no DT
talks 4 attr NOUN talk NNS
until 10 mark SCONJ until IN
the 9 det DET the DT
troops 10 nsubj NOUN troop NNS
leave 4 advcl VERB leave VBP
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "rejects"),
    ('The talks ended with no agreement, Lavrov said.', """
The 1 det DET the DT
talks 2 nsubj NOUN talk NNS
ended 8 ccomp VERB end VBD
with 2 prep ADP with IN
no 5 det DET no DT
agreement 3 pobj NOUN agreement NN
, 8 punct PUNCT , ,
Lavrov 8 nsubj PROPN Lavrov NNP
said 8 ROOT VERB say VBD
. 8 punct PUNCT . .
""", {(7, 8): ("PERSON", ID + "sergey-lavrov")}, "said", "claims"),
    ('Lavrov said Russia is withdrawing from the treaty.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 4 nsubj PROPN Russia NNP
is 4 aux AUX be VBZ
withdrawing 1 ccomp VERB withdraw VBG
from 4 prep ADP from IN
the 7 det DET the DT
treaty 5 pobj NOUN treaty NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia")}, "said", "rejects"),
    ('Lavrov said Washington withdrew from the treaty.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Washington 3 nsubj PROPN Washington NNP
withdrew 1 ccomp VERB withdraw VBD
from 3 prep ADP from IN
the 6 det DET the DT
treaty 4 pobj NOUN treaty NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("ORG", ID + "united-states-government")}, "said", "claims"),
    # 3. what another actor is to do demands; the speaker's own obligation does not; a negated
    #    obligation rejects
    ('Obama said the sanctions must be lifted.', """
Obama 1 nsubj PROPN Obama NNP
said 1 ROOT VERB say VBD
the 3 det DET the DT
sanctions 6 nsubjpass NOUN sanction NNS
must 6 aux AUX must MD
be 6 auxpass AUX be VB
lifted 1 ccomp VERB lift VBN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "barack-obama")}, "said", "demands"),
    ('Lavrov said Russia should be patient.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 4 nsubj PROPN Russia NNP
should 4 aux AUX should MD
be 1 ccomp AUX be VB
patient 4 acomp ADJ patient JJ
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia")}, "said", "claims"),
    ('Lavrov said Washington should not deploy the missiles.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Washington 5 nsubj PROPN Washington NNP
should 5 aux AUX should MD
not 5 neg PART not RB
deploy 1 ccomp VERB deploy VB
the 7 det DET the DT
missiles 5 dobj NOUN missile NNS
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("ORG", ID + "united-states-government")}, "said", "rejects"),
    ('Lavrov said Russia has to act.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 3 nsubj PROPN Russia NNP
has 1 ccomp VERB have VBZ
to 5 aux PART to TO
act 3 xcomp VERB act VB
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia")}, "said", "claims"),
    ('Lavrov said Washington has to act.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Washington 3 nsubj PROPN Washington NNP
has 1 ccomp VERB have VBZ
to 5 aux PART to TO
act 3 xcomp VERB act VB
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("ORG", ID + "united-states-government")}, "said", "demands"),
    ('Lavrov said Moscow expects Washington to honour its commitments.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Moscow 3 nsubj PROPN Moscow NNP
expects 1 ccomp VERB expect VBZ
Washington 6 nsubj PROPN Washington NNP
to 6 aux PART to TO
honour 3 ccomp VERB honour VB
its 8 poss PRON its PRP$
commitments 6 dobj NOUN commitment NNS
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("ORG", ID + "russian-government"),
     (4, 5): ("ORG", ID + "united-states-government")}, "said", "demands"),
    ('Lavrov hoped that Washington would reconsider.', """
Lavrov 1 nsubj PROPN Lavrov NNP
hoped 1 ROOT VERB hop VBD
that 5 mark SCONJ that IN
Washington 5 nsubj PROPN Washington NNP
would 5 aux AUX would MD
reconsider 1 ccomp VERB reconsider VB
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (3, 4): ("ORG", ID + "united-states-government")}, "hoped", "demands"),
    ('Lavrov hoped there would be a positive outcome.', """
Lavrov 1 nsubj PROPN Lavrov NNP
hoped 1 ROOT VERB hop VBD
there 4 expl PRON there EX
would 4 aux AUX would MD
be 1 ccomp AUX be VB
a 7 det DET a DT
positive 7 amod ADJ positive JJ
outcome 4 attr NOUN outcome NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "hoped", "supports"),
    # 4. a meeting put forward proposes; one held is reported
    ('Lavrov said Russia would host a summit.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 4 nsubj PROPN Russia NNP
would 4 aux AUX would MD
host 1 ccomp VERB host VB
a 6 det DET a DT
summit 4 dobj NOUN summit NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia")}, "said", "proposes"),
    ('Lavrov said the leaders held a summit.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
the 3 det DET the DT
leaders 4 nsubj NOUN leader NNS
held 1 ccomp VERB hold VBD
a 6 det DET a DT
summit 4 dobj NOUN summit NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "claims"),
    ('Moscow wants to convene a summit.', """
Moscow 1 nsubj PROPN Moscow NNP
wants 1 ROOT VERB want VBZ
to 3 aux PART to TO
convene 1 xcomp VERB convene VB
a 5 det DET a DT
summit 3 dobj NOUN summit NN
. 1 punct PUNCT . .
""", {(0, 1): ("ORG", ID + "russian-government")}, "wants", "proposes"),
    # 5. a judgement of the subject supports or opposes; weak valence and "there was" do not judge
    ('Lavrov said the agreement was a major breakthrough.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
the 3 det DET the DT
agreement 4 nsubj NOUN agreement NN
was 1 ccomp AUX be VBD
a 7 det DET a DT
major 7 amod ADJ major JJ
breakthrough 4 attr NOUN breakthrough NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "supports"),
    ('Lavrov said the plan was not a good idea.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
the 3 det DET the DT
plan 4 nsubj NOUN plan NN
was 1 ccomp AUX be VBD
not 4 neg PART not RB
a 8 det DET a DT
good 8 amod ADJ good JJ
idea 4 attr NOUN idea NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "opposes"),
    ('Lavrov said it is wrong to ignore the treaty.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
it 3 nsubj PRON it PRP
is 1 ccomp AUX be VBZ
wrong 3 acomp ADJ wrong JJ
to 6 aux PART to TO
ignore 3 xcomp VERB ignore VB
the 8 det DET the DT
treaty 6 dobj NOUN treaty NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "opposes"),
    ('Lavrov said both sides are responsible for the delay.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
both 3 det DET both DT
sides 4 nsubj NOUN side NNS
are 1 ccomp AUX be VBP
responsible 4 acomp ADJ responsible JJ
for 5 prep ADP for IN
the 8 det DET the DT
delay 6 pobj NOUN delay NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "claims"),
    ('Lavrov said there was no breakthrough.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
there 3 expl PRON there EX
was 1 ccomp VERB be VBD
no 5 det DET no DT
breakthrough 3 attr NOUN breakthrough NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "claims"),
    ("Lavrov stressed that Russia's goal is to mediate.", """
Lavrov 1 nsubj PROPN Lavrov NNP
stressed 1 ROOT VERB stress VBD
that 6 mark SCONJ that IN
Russia 5 poss PROPN Russia NNP
's 3 case PART 's POS
goal 6 nsubj NOUN goal NN
is 1 ccomp AUX be VBZ
to 8 aux PART to TO
mediate 6 xcomp VERB mediate VB
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (3, 4): ("GPE", ID + "russia")}, "stressed", "supports"),
    # a position adjective: readiness supports, a negated one is a refusal; "no plans" is a denial
    ('Lavrov said Russia is ready to resume the talks.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 3 nsubj PROPN Russia NNP
is 1 ccomp AUX be VBZ
ready 3 acomp ADJ ready JJ
to 6 aux PART to TO
resume 4 xcomp VERB resume VB
the 8 det DET the DT
talks 6 dobj NOUN talk NNS
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia")}, "said", "supports"),
    ('Lavrov said Russia is not interested in the talks.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 3 nsubj PROPN Russia NNP
is 1 ccomp AUX be VBZ
not 3 neg PART not RB
interested 3 acomp ADJ interested JJ
in 5 prep ADP in IN
the 8 det DET the DT
talks 6 pobj NOUN talk NNS
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia")}, "said", "rejects"),
    ('Lavrov said Russia had no plans to deploy the missiles.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 3 nsubj PROPN Russia NNP
had 1 ccomp VERB have VBD
no 5 det DET no DT
plans 3 dobj NOUN plan NNS
to 7 aux PART to TO
deploy 5 acl VERB deploy VB
the 9 det DET the DT
missiles 7 dobj NOUN missile NNS
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia")}, "said", "rejects"),
    # another actor's stance, a prediction about another, a stance noun not the speaker's: claims
    ('Lavrov said Washington opposes the plan.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Washington 3 nsubj PROPN Washington NNP
opposes 1 ccomp VERB oppose VBZ
the 5 det DET the DT
plan 3 dobj NOUN plan NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("ORG", ID + "united-states-government")}, "said", "claims"),
    ('Lavrov said the deal would face opposition.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
the 3 det DET the DT
deal 5 nsubj NOUN deal NN
would 5 aux AUX would MD
face 1 ccomp VERB face VB
opposition 5 dobj NOUN opposition NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "claims"),
    ('Obama said Russia will not succeed.', """
Obama 1 nsubj PROPN Obama NNP
said 1 ROOT VERB say VBD
Russia 5 nsubj PROPN Russia NNP
will 5 aux AUX will MD
not 5 neg PART not RB
succeed 1 ccomp VERB succeed VB
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "barack-obama"), (2, 3): ("GPE", ID + "russia")}, "said", "claims"),
    # a remark that commits to nothing is other; a fact with "no", or what one could not do, is not
    ('Lavrov said he had no information about the talks.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
he 3 nsubj PRON he PRP
had 1 ccomp VERB have VBD
no 5 det DET no DT
information 3 dobj NOUN information NN
about 5 prep ADP about IN
the 8 det DET the DT
talks 6 pobj NOUN talk NNS
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "other"),
    ('Lavrov said he was unable to comment.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
he 3 nsubj PRON he PRP
was 1 ccomp AUX be VBD
unable 3 acomp ADJ unable JJ
to 6 aux PART to TO
comment 4 xcomp VERB comment VB
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "other"),
    ('Lavrov said: "I don\'t know."', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
: 1 punct PUNCT : :
" 1 punct PUNCT " ``
I 7 nsubj PRON I PRP
do 7 aux AUX do VBP
n't 7 neg PART not RB
know 1 ccomp VERB know VB
. 1 punct PUNCT . .
" 1 punct PUNCT " ''
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "other"),
    ('Lavrov said the talks ended with no result.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
the 3 det DET the DT
talks 4 nsubj NOUN talk NNS
ended 1 ccomp VERB end VBD
with 4 prep ADP with IN
no 7 det DET no DT
result 5 pobj NOUN result NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "claims"),
    ('Lavrov said he could not answer the question.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
he 5 nsubj PRON he PRP
could 5 aux AUX could MD
not 5 neg PART not RB
answer 1 ccomp VERB answer VB
the 7 det DET the DT
question 5 dobj NOUN question NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "claims"),
    # declining to comment commits to nothing; declining an act is a refusal
    ('Lavrov declined to comment.', """
Lavrov 1 nsubj PROPN Lavrov NNP
declined 1 ROOT VERB decline VBD
to 3 aux PART to TO
comment 1 xcomp VERB comment VB
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "declined", "other"),
    ('Lavrov refused to sign the treaty.', """
Lavrov 1 nsubj PROPN Lavrov NNP
refused 1 ROOT VERB refuse VBD
to 3 aux PART to TO
sign 1 xcomp VERB sign VB
the 5 det DET the DT
treaty 3 dobj NOUN treaty NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "refused", "rejects"),
    # a pronoun that agrees with a government speaker is the speaker; another named side only predicts
    ('Moscow said it would not attend the summit.', """
Moscow 1 nsubj PROPN Moscow NNP
said 1 ROOT VERB say VBD
it 5 nsubj PRON it PRP
would 5 aux AUX would MD
not 5 neg PART not RB
attend 1 ccomp VERB attend VB
the 7 det DET the DT
summit 5 dobj NOUN summit NN
. 1 punct PUNCT . .
""", {(0, 1): ("ORG", ID + "russian-government")}, "said", "rejects"),
    ('Lavrov said Washington would not attend the summit.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Washington 5 nsubj PROPN Washington NNP
would 5 aux AUX would MD
not 5 neg PART not RB
attend 1 ccomp VERB attend VB
the 7 det DET the DT
summit 5 dobj NOUN summit NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("ORG", ID + "united-states-government"),
     }, "said", "claims"),
    # readiness under a condition on another warns, without one supports; a verb of dependence links
    ('Lavrov said Russia remains ready to impose sanctions if Washington escalates.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 3 nsubj PROPN Russia NNP
remains 1 ccomp VERB remain VBZ
ready 3 acomp ADJ ready JJ
to 6 aux PART to TO
impose 4 xcomp VERB impose VB
sanctions 6 dobj NOUN sanction NNS
if 10 mark SCONJ if IN
Washington 10 nsubj PROPN Washington NNP
escalates 6 advcl VERB escalate VBZ
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia"),
     (9, 10): ("ORG", ID + "united-states-government")}, "said", "warns"),
    ('Lavrov said Russia remains ready to resume talks.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 3 nsubj PROPN Russia NNP
remains 1 ccomp VERB remain VBZ
ready 3 acomp ADJ ready JJ
to 6 aux PART to TO
resume 4 xcomp VERB resume VB
talks 6 dobj NOUN talk NNS
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia")}, "said", "supports"),
    ('Lavrov said the deal would presuppose recognition.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
the 3 det DET the DT
deal 5 nsubj NOUN deal NN
would 5 aux AUX would MD
presuppose 1 ccomp VERB presuppose VB
recognition 5 dobj NOUN recognition NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "links"),
    # the position stated wins over the manner of stating it
    ('Lavrov insisted that Russia is keen on dialogue.', """
Lavrov 1 nsubj PROPN Lavrov NNP
insisted 1 ROOT VERB insist VBD
that 4 mark SCONJ that IN
Russia 4 nsubj PROPN Russia NNP
is 1 ccomp AUX be VBZ
keen 4 acomp ADJ keen JJ
on 5 prep ADP on IN
dialogue 6 pobj NOUN dialogue NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (3, 4): ("GPE", ID + "russia")}, "insisted", "supports"),
    # no stance from the infinitive of a copula, a passive, a certainty, or the "of" phrase of a noun
    # that carries no judgement ("a source of concern" carries one)
    ('Lavrov said it is hard to dispute the figures.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
it 3 nsubj PRON it PRP
is 1 ccomp AUX be VBZ
hard 3 acomp ADJ hard JJ
to 6 aux PART to TO
dispute 3 xcomp VERB dispute VB
the 8 det DET the DT
figures 6 dobj NOUN figure NNS
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "claims"),
    ('Lavrov said Russia was encouraged by the plan.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
Russia 4 nsubjpass PROPN Russia NNP
was 4 auxpass AUX be VBD
encouraged 1 ccomp VERB encourage VBN
by 4 agent ADP by IN
the 7 det DET the DT
plan 5 pobj NOUN plan NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (2, 3): ("GPE", ID + "russia")}, "said", "claims"),
    ('Lavrov said it was clear that the talks had failed.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
it 3 nsubj PRON it PRP
was 1 ccomp AUX be VBD
clear 3 acomp ADJ clear JJ
that 9 mark SCONJ that IN
the 7 det DET the DT
talks 9 nsubj NOUN talk NNS
had 9 aux AUX have VBD
failed 3 ccomp VERB fail VBN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "claims"),
    ('Lavrov said the talks were a source of concern.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
the 3 det DET the DT
talks 4 nsubj NOUN talk NNS
were 1 ccomp AUX be VBD
a 6 det DET a DT
source 4 attr NOUN source NN
of 6 prep ADP of IN
concern 7 pobj NOUN concern NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "opposes"),
    ('Lavrov said the talks were a concentration of wealth.', """
Lavrov 1 nsubj PROPN Lavrov NNP
said 1 ROOT VERB say VBD
the 3 det DET the DT
talks 4 nsubj NOUN talk NNS
were 1 ccomp AUX be VBD
a 6 det DET a DT
concentration 4 attr NOUN concentration NN
of 6 prep ADP of IN
wealth 7 pobj NOUN wealth NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "said", "claims"),
    # labels, and announcements
    ('Lavrov saw it as evidence of a sinister plot.', """
Lavrov 1 nsubj PROPN Lavrov NNP
saw 1 ROOT VERB see VBD
it 1 dobj PRON it PRP
as 1 prep ADP as IN
evidence 3 pobj NOUN evidence NN
of 4 prep ADP of IN
a 8 det DET a DT
sinister 8 amod ADJ sinister JJ
plot 5 pobj NOUN plot NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov")}, "saw", "opposes"),
    ('Lavrov announced that Russia would open a consulate.', """
Lavrov 1 nsubj PROPN Lavrov NNP
announced 1 ROOT VERB announce VBD
that 5 mark SCONJ that IN
Russia 5 nsubj PROPN Russia NNP
would 5 aux AUX would MD
open 1 ccomp VERB open VB
a 7 det DET a DT
consulate 5 dobj NOUN consulate NN
. 1 punct PUNCT . .
""", {(0, 1): ("PERSON", ID + "sergey-lavrov"), (3, 4): ("GPE", ID + "russia")}, "announced", "other"),
]


@pytest.mark.parametrize("sentence, rows, ents, cue, stance", CASES, ids=[c[0] for c in CASES])
def test_stance_of_what_was_said(ontology, lexicon, vocab, sentence, rows, ents, cue, stance):
    doc = through(ontology, lexicon, parsed(vocab, rows, ents), StanceTagger)
    assert [c._.stance for c in doc.spans[CONTENTS] if c._.cue_span.text == cue] == [stance]


QUESTION = """
Lavrov 1 nsubj PROPN Lavrov NNP
replied 1 ROOT VERB reply VBD
: 1 punct PUNCT : :
Must 5 aux AUX must MD
Washington 5 nsubj PROPN Washington NNP
lift 5 ROOT VERB lift VB
the 7 det DET the DT
sanctions 5 dobj NOUN sanction NNS
? 5 punct PUNCT ? .
"""


@pytest.mark.parametrize("end, stance, basis", [("?", "claims", StanceBasis.DEFAULT),
                                               (".", "demands", StanceBasis.WORDS)])
def test_a_question_takes_no_stance_from_its_words(ontology, lexicon, vocab, end, stance, basis):
    """"Must Washington lift the sanctions?" as a sentence of a quoted block asserts no obligation;
    the same words as a statement demand."""
    doc = parsed(vocab, QUESTION.replace("? 5 punct PUNCT ? .", f"{end} 5 punct PUNCT {end} ."),
                 {(0, 1): ("PERSON", ID + "sergey-lavrov"), (4, 5): ("ORG", ID + "united-states-government")})
    tagger = StanceTagger(ontology, lexicon)
    side = Side(tagger, Actors(doc, ontology, lexicon), ())
    assert tagger.stance(doc[1], None, CueKind.BLOCK, doc[3:9], side) == (stance, basis)


PHRASES = """
a 1 det DET a DT
cause 1 ROOT NOUN cause NN
of 1 prep ADP of IN
satisfaction 2 pobj NOUN satisfaction NN
and 1 cc CCONJ and CC
no 6 det DET no DT
progress 1 conj NOUN progress NN
"""


def test_polarity_composes_a_phrase_from_its_head_modifiers_and_of_phrase(lexicon, vocab):
    doc = parsed(vocab, PHRASES)
    polarity = Polarity(lexicon)
    assert polarity.phrase(doc[1]) == pytest.approx(1.9)        # VADER's "satisfaction", through "cause of"
    assert polarity.phrase(doc[6]) == pytest.approx(-1.8)       # "no" turns "progress"
    assert polarity.word(doc[0]) == 0.0


def test_every_stance_maps_to_cameo_and_plover_codes(ontology):
    """Event-data users join on the codes' notations: CAMEO's numbers, PLOVER's names."""
    codes = {name: sorted(str(ontology.graph.value(code, SKOS.notation))
                          for code in ontology.graph.objects(URIRef(iri), SKOS.closeMatch))
             for name, iri in ontology.stances.items()}
    assert codes == {"supports": ["051", "SUPPORT"], "opposes": ["11", "DISAPPROVE"], "demands": ["10", "DEMAND"],
                     "rejects": ["12", "REJECT"], "warns": ["13", "THREATEN"], "proposes": ["03"],
                     "claims": ["010"], "other": ["01"], "links": []}
