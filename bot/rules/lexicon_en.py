"""Built-in English lexicon, in the format of `bot.rules.lexicon_es` ("kind: phrase, phrase, …"; `verb~` stands for
the verb's forms: "transfer~ my" is "transfer my", "transfers my", "transferred my", "transferring my")."""

from __future__ import annotations

__all__ = ["ENGLISH"]

ENGLISH = """
complaint: nobody has even called, no one has even called, nobody has called us, not working, doesnt work, doesn't work, does not work, stopped working, no service, no signal,
    no coverage, no internet, no data, without internet, without service, without signal, no connection,
    still waiting, still no, haven't been able, havent been able, not been able, has not loaded, won't load,
    wont load, doesn't load, nobody told, no one told, haven't told, isn't refunded, not refunded, still not,
    still haven't, still havent, days without, hours without,
    weeks without, days with no, left me without, without a line, without line, outage*, is down, are down, went down,
    keeps dropping, dropped calls,
    disgrace, disgraceful, shameful, pathetic, appalling, awful, terrible, horrible, worst, the worst,
    useless, joke of a, ridiculous, unacceptable, outrageous, disgusted, furious, fed up, sick of,
    sick and tired, ripoff, rip off, rip-off, scam, scammers, robbery, daylight robbery, thieves,
    complaint, complain, no one answers, nobody answers, no one replies, nobody replies, no one helps,
    hung up on me, hangs up, third time, fourth time, fifth time, twice, overcharged, overcharging,
    charged me twice, double charged, billed twice, charged twice, charged me for, wrong charge, refund, never again, cant believe,
    can't believe, price hike, raised my bill, raised the price, hidden fees, hidden charges, exit fee*, money back,
    give me my money, want my money, went from,
    no solution, nobody can, can't get, cant get, impossible to, waste of,
    has been down, been down, down since, down all, down again, is a joke, are a joke, dead all day, data dead,
    line is dead, has been dead, been dead, keeps cutting out, cutting out, cuts out, nobody turned up,
    no one turned up, nobody showed up, no one showed up, never showed up, never turned up, didn't show up,
    didnt show up, didn't turn up, hasn't shown up, hasnt shown up, haven't shown up, havent shown up,
    have not shown up, has not shown up, nobody has come, no one has come, nobody came, no one came, never came,
    not a word from, nobody explains, no one explains, no explanation, nobody says anything, billed me for,
    billed me twice, price rise, price increase, exit charge*, so annoying, no bars, zero bars,
    never fixed, still not fixed,
    no calls, can't call anyone, cannot call anyone, can't make calls, cant make calls,
    hopeless, no reception, out of service, nobody picks up, no one picks up, still broken, never picks up,
    nobody answers the phone, cut~ off, hasn't worked, hasnt worked, haven't worked, havent worked,
    isn't working, isnt working, aren't working, arent working, sos only, only sos, showing sos, get a call through, without data,
    passed between, passed around, bounced between, bounced around, no sign of it, no sign of them,
    no sign of my, no sign of the, won't let me, wont let me, doesn't let me, doesnt let me, comes and goes,
    can't sort, cant sort, can't fix, cant fix, couldn't fix, couldnt fix, a mess, billing mess, shambles,
    keep~ letting me down, keep~ letting us down, let me down again, let us down again, has let me down,
    have let me down, has let us down, have let us down,
    beyond a joke, too much to ask, a farce, absolute farce, what a farce, a circus, how hard can it be, how hard is
    it, not good enough, taking ages, taken ages, takes ages, took ages, hasn't replied, hasnt replied, haven't
    replied, havent replied, has not replied, never replied, no reply, never got back, down across, down for
    everyone, down for hours, can't take, cant take,
    couldn't call, could not call, couldn't get through, could not get through,
    no broadband, no wifi, no wi-fi, no fibre, no fiber, no 4g, no 5g, no mobile data, you had one
    job, had one job,
    a no show, a no-show, no show again, no-show again, what is going on with your, what's going on with your, whats
    going on with your,
    imagine paying, explain yourselves, never made, calls i never made, never ordered, never asked for,
    offline, went offline, line died, died again, lost a whole day, lost a day of,
    annoying
complaint_soft: charged me, charging me, charge me, bill, billing, charge, fee, waiting, wait time, on hold,
    customer service, support, roaming, slow, so slow, issue, issues, problem, problems, glitch, error,
    broken, fault, faults, fails, failed, keeps failing, mistake, by mistake, charges me, delays, delayed,
    promised, hours on the phone, on the phone for, hours on hold, 😡, 🤬, 😤, 👎, 💩, 🙄,
    charging people, charging customers, charging everyone,
    wants, wanted, charges
sarcasm: thanks for nothing, thank you for nothing, thanks for leaving me, thanks for charging me,
    love paying, love how, love that i, love being, great job, well done, what a great service,
    nothing like paying, just what i needed, wow great, bravo, stellar service, 10/10 service
churn: want to cancel, cancel my, cancelling my, canceling my, cancel the contract, cancel my contract, cancelling,
    canceling, switch carriers, switching carriers, switch providers, switching providers, new carrier,
    new provider, port my number, porting my number, porting out, leaving you, i'm leaving, im leaving,
    i am leaving, i'm done with, im done with, done with you, last month with, last bill,
    what am i doing with, why am i still with, why do i still pay, why do i stay with, time to switch,
    time to leave, goodbye, bye bye, never again with, i'm out, im out, close my account, closing my account,
    end my contract, ending my contract, terminate my contract,
    why i'm still with, why im still with, why i am still with, thinking about leaving, thinking of leaving,
    considering leaving, thinking about switching, thinking of switching, considering switching, ported my number,
    ported out, cancel everything, cancelling everything, canceling everything, cancel it all,
    reason not to cancel, reason not to leave, reason not to switch, reasons not to cancel,
    my pac, pac code, the pac, a pac code, stac code, porting code, number transfer, last day with, last week with,
    shopping around
churn_weak: switch*, taking my, take my, taking our, bringing my, moving, move to, going to, leaving, leave, left, go with, going with, be with, i'd be with, id be with, sign up with,
    signing up with, join, joining, jump ship to, jumping ship to, jumping ship, jumping to, port to, porting to, try,
    trying,
    signed up with, signed with, signing with, taking my business, bringing our, jumping over, jump over, i'm off to,
    im off to, moving our, moving my,
    taking, bringing,
    heading over to, going over to, transfer~, port~, move~, migrate~, swap~, shift~, farewell, so long,
    take~ out a, took out a, signed up for, off to, bye, cancel~, now with, i'm now with, im now with,
    i'm in, im in, i'll be in, ill be in, i'm at, im at, walk~ into, head~ into, signed up w, sign up w, signing up
    w, go w, going w, defect~, bail~ on, bail~ to, bail~ for,
    i'm gone, im gone,
    join~, drop~, ditch~, dump~,
    leavin, movin, switchin, goin with, goin to, leave~,
    go to, goes to, all go to
shopping: look~ at, look~ around at, look~ for, weigh~ up, shop~ around for, compare~, check~ out
other_provider: another carrier, another provider, another company, a different carrier, the competition,
    any other carrier, other carriers,
    another network, a different provider, a different network, other provider, another operator,
    other providers, other networks, other companies, other operators, a new network, a new provider,
    a new carrier
legal: lawyer, lawyers, attorney, lawsuit, sue you, sue them, going to sue, i'll sue, ill sue, will sue, suing, class action, small claims, court,
    legal action, legal team, ombudsman, regulator, fcc, ofcom, bbb, better business bureau,
    trading standards, consumer protection, file a complaint with, report you to, gdpr, data protection authority,
    solicitor, solicitors
safety: fire, caught fire, exploded, explosion, exploding, smoke coming, smoke, burned, burnt,
    electric shock, electrocut*, injured, injury, hospital, emergency room, fraud, fraudulent,
    identity theft, sim swap, sim swapped, phishing, hacked, data breach, data leak, leaked,
    my data was, emptied my account, drained my account, 911, 999, 112, can't call emergency,
    cannot call emergency, emergency calls,
    started smoking, began smoking, is smoking, was smoking, smoke came out, smoke pouring, smells of burning,
    smell of burning, burning smell, smells like burning, smelled like burning, smells burnt, sparks came,
    sparks flew out, sparking, threw sparks, shooting sparks, overheat*, swollen, swelling, swelled, bulging battery,
    battery is bulging, battery bulging, bloated battery, melted, melting, exposed wire*, bare wire*, live wire*,
    in a&e, at a&e, to a&e, ambulance, paramedics, bleeding, got hurt, was hurt, cloned sim, sim was cloned,
    cloned my sim, took over my line, took over my number, took over my account, got into my bank,
    into my bank account,
    taken over my, taking over my, take over my, has taken over my, burst into flames, in flames, got a shock, nasty shock, shock from, posing as, pretending to be, impersonating,
    data has been exposed, data was exposed, data exposed, exposed online, live cable*, extinguisher,
    gas leak, gas leaking, leaking gas, smell of gas, smelled gas, smelt gas, smell gas, smells of gas, smells like
    gas, smelling gas, gas pipe, gas pipes, gas main, gas line, gas lines, zapped, got zapped, zapped me, shorted
    out, short circuit, short circuited, an ambo, emergency services, heart attack, open manhole, manhole open,
    manhole cover, uncovered manhole, open trench, unmarked trench, tripped over, tripped on,
    slipped on the, slipped and fell, tripped and fell, fell and hit, reversed into, knocked down by,
    burning plastic, burnt plastic, melted plastic, melting plastic, gas smell, smelled of gas, stink of gas, stinks
    of gas, reeks of gas, reek of gas, call for help,
    slipped in the, slipped on a, slipped on wet, fell off the wall, fell off the shelf, came down on a,
    came down on top of, hacker accessed, hackers accessed, cyber attack, cyberattack, smishing, scam text,
    scam texts, fraudster, fraudsters, got into my account, got into my online, emptied my bank, emptied our bank,
    cleaned me out, cleaned out my, lost my savings, lost all my savings,
    account takeover, account hijack*, hijacked my, fell on my, fell on top of, fell onto my
device: battery, batteries, charger, chargers, charging brick, charging cable, plug, router, modem, handset,
    tablet, power bank, adapter, socket, fibre box, hub
device_state: puffed up, puffed, puffing up, swollen, bulged, bulging, hissing, blew up, blown up, scorching,
    scorched, red hot, gone black, charred, was on fire, were on fire, caught fire, melted, burnt out, burned out, smoking,
    popped, went bang, went pop, shorted,
    is on fire, are on fire, went on fire, goes on fire,
    sparked, sparks, sparking, went black
cable: cable, cables, wire, wires, wiring, pole, poles,
    trench, trenches, manhole, hole, pit, junction box,
    mast, masts, antenna, aerial
cable_state: hanging, dangling, loose, hanging loose, exposed, bare, down across, lying across, trailing across,
    across the pavement, across the road, on the pavement, on the ground, lying in the road,
    sticking out, poking out, left open, uncovered, unfenced, unguarded, no barrier, unmarked, no cover,
    melted, burnt, burned, scorched, charred, fell onto, came down, collapsed, toppled, blown down, blew down
lifeline: personal alarm, panic alarm, care alarm, medical alarm, alarm pendant, telecare, lifeline alarm,
    emergency button, pendant alarm
failure: log~ me out, log~ us out, kick~ me out, throw~ me out, drop~, disconnect~, fail~, cut~ out, crash~,
    freeze~, die~ on me, log~ everyone out, log~ people out, kick~ everyone out
service: app, website, site, broadband, fibre, fiber, wifi, wi-fi, internet, line, signal, data, calls, call,
    connection, network, 5g, 4g, 3g, router, tv, landline, mobile data
widespread: across, all over, the whole city, whole city, whole town, half of, everyone in, all of
arrival: here i come, here we come, gets my business, get my business, gets our business, has my business,
    take my money,
    gets all, gets my, gets our, get all, can have my, can have our, it is, it's,
    getting my money, gets my money, get my money, getting my business, getting our business, getting our money
media_lead: writing for, i write for, i work for, here from, we're from, were from, i'm from, calling from
report: according to, ranking, rankings, ranks, ranked, report, survey, league table, index, study, award
media: i'm a reporter, im a reporter, i am a reporter, i'm a journalist, im a journalist, reporter at,
    journalist at, writing a story, working on a story, for a story, for an article, for a piece,
    request for comment, comment for, on the record, press inquiry, press office, spokesperson,
    official statement, your statement, we're reporting, we are reporting,
    we're covering, we are covering, reporter here, journalist here, producer here, reporter from,
    reporter with, journalist with, journalist from, producer at, producer with, running a piece,
    running a story, doing a piece, doing a story, putting together a, working on a piece, a segment on,
    a piece on, your side, your side of the story,
    preparing a story, preparing a piece, preparing a report, investigating, an investigation into, investigation
    into, working on an investigation, tonight's bulletin, for tonight's, for our bulletin, keen to hear from, hear
    from customers,
    story out tonight, story out today, story is out, story out, publishing today, publishing tonight, we publish,
    out now on, our report is live, report is live, is live now, our investigation, airs at, airs tonight,
    we spoke to, we've spoken to, we have spoken to, like to respond,
    our story on, our piece on, our story about, our report on,
    our reporters, reporters spoke to, our reporter,
    our reporters spoke to, our reporter spoke to
media_author: journalist, reporter, news, times, daily, gazette, herald, radio, tv, magazine, press,
    correspondent, editor, newsroom, tribune, post, chronicle, echo, mirror, courier, metro, bbc, itv, producer
executive_title: ceo, with power, in charge, chief executive, your boss, your ceo, the ceo, president of, someone in charge,
    someone who can decide, head of customer, your manager, a manager, management
ask_alternative: any alternatives, alternatives, recommend a carrier, which carrier, what carrier,
    recommendations, any recommendations, who should i switch to, what do you offer, what can you offer,
    make me an offer, any offers, looking for a new carrier, looking for a carrier, suggestions,
    offer me, could you offer, can you offer me, match~ that, match~ my, match~ it, match~ this, beat~ that,
    beat~ my
comparison: half, for free, free, included, cheaper, half the price, half price, whereas, while they,
    they don't, they dont, they do, doesn't charge, doesnt charge, don't charge, dont charge, no charge,
    at no cost, unlike you
praise: glad, so glad, perfectly, perfect, great, thanks, thank you, love, works well, worked well, amazing, awesome, excellent,
    brilliant, flawless, fantastic, wonderful, lovely, superb, marvellous, marvelous, splendid, fab, the best, best, all set, all sorted,
    unreal, incredible, impressed, sorted my, sorted it, sorted out my,
    fixed my, fixed it in
spam: giveaway, win a, win an, click here, free followers, earn money, make money, bitcoin, crypto,
    link in bio, promo code, dm me for, follow back, check my profile, onlyfans
shield: fell ill, fell sick, lost count, burnt the toast, burned the toast, burnt my toast, burned my toast, burnt the dinner, burned the dinner, fell asleep, fell for, fell through, fell in love, fell apart, fell behind, is fire, so fire, fire emoji, 🔥, no problem, no problems, no issues, not bad, can't complain,
    cant complain, no complaints, zero issues, never had a problem, never had an issue, without problems,
    without issues, fired up, free trial, cease fire, firewall, support team rocks, support was great,
    great support, amazing support, fast support, burn rate, burning question, on hold music,
    free shipping, life hack, fire sale, on fire, smoke test, free of charge, data plan,
    smoking hot, is smoking hot, quit smoking, stopped smoking, no smoking, smoking area, sparks joy,
    swelling with pride, fire alarm, fire alarms, fire drill, fire exit, fire station, fire brigade,
    fire door, fire safety, fire service, no sign of any problems, no sign of problems, no sign of any issues,
    no sign of issues, burning up, my fault, my own fault,
    straight fire, pure fire, absolute fire, burnt out from, burned out from, burnt out after, out of gas, ran out
    of gas, run out of gas, running out of gas, gas station, gas stations, gas prices, gas price, step on the gas,
    gas bill, crowd exploded, exploded with, sparks flew, saw a story, read a story, saw a piece, read an article, a
    story of my, long story short, success story, bedtime story, instagram story, story of my life,
    is on fire, are on fire, went on fire, goes on fire, was on fire, were on fire,
    keeps dropping, keep dropping, kept dropping, dropped calls, dropping calls, dropping out, dropped out, drops
    out,
    mind exploded, my mind exploded, head exploded, brain exploded, is smoking fast, smoking fast, burned through,
    burnt through, burn through, burning through, burns through,
    burned into, burnt into, burned a hole, burnt a hole, moving house, moving flat
harm: burned, burnt, burn, burns, blister, blisters, scalded, broke, fractured, sprained, gashed, bruised, hurt,
    hit, banged, bumped, cracked,
    twisted, sprained my
body: hand, hands, arm, arms, leg, legs, face, finger, fingers, hip, wrist, ankle, head, foot, feet, skin, neck,
    knee, thigh, eye, eyes, lap,
    elbow, elbows, shoulder, shoulders, rib, ribs, nose, tooth, teeth, collarbone
sim: sim, esim, sim card, e-sim
disclaim: nothing to do with, not the fault of, no fault of,
    had nothing to do with it, has nothing to do with it
business: furniture, physio, physiotherapy, clinic, dental, dentist, bakery, cafe, coffee, roasters, gym, fitness, salon,
    barbers, realty, estate agents, restaurant, hotel, academy, florist, garage, removals, winery, pharmacy,
    opticians, vets, nursery, yoga, pilates, boutique, bistro, pizzeria, driving school, dance studio
staff: engineer, engineers, technician, technicians, installer, installers, tech guy, fitter, workman, field agent,
    staff member, member of staff, shop assistant, sales assistant, employee
staff_threat: drunk, was drunk, turned up drunk, smelled of alcohol, harass~, harassment, creepy, creepy messages,
    keeps messaging me, messaging me at, texting me at, live alone, knows where i live, scared he, afraid he, violent,
    got aggressive, turned aggressive, threatened me, threatened my, threatening me, shoved, pushed my, knocked my, knocked him,
    knocked her, punched, hit my, grabbed me, assaulted,
    groped, groping, touched me, touched my, inappropriate, inappropriately,
    uninvited, wouldn't leave, would not leave, won't leave my, refused to leave
data: passport, passport scan, driving licence, driving license, id number, id numbers, id documents, bank details,
    bank account, bank accounts, sort code, iban, ibans, card details, personal data, personal details, customer
    records, customer data, date of birth,
    card number, card numbers, pin number, passport number, passport numbers, national insurance,
    social security number
exposed: exposed, breach, breached, leaked, were stolen, stole, hacker, hackers, hacker accessed, hackers accessed,
    were accessed, was accessed, accessed customer, cyber attack, cyberattack, to criminals, compromised,
    been accessed, have been accessed, has been accessed
fraud: new sim in my name, a new sim in my name, got a new sim, handed my number to, gave my number to, scam text,
    scam texts, smishing, fraudster, fraudsters, shortcode, short code, same number, text from movilia, texts me from,
    clicked it, clicked the link, caller said, said he was from, pretending to be, posing as, got into my, changed the
    email, taken over, redirected my calls, sim swap,
    let someone, a link, the link,
    entered my card, entered my card details, their usual number, the usual number
loss: lost £, lost my savings, lost all, emptied, cleaned me out, took everything, in my name, on my name, on finance,
    my mum lost, i lost, lost over, stole, reset my banking, redirected my,
    drained, is drained, was drained, took out a loan, loan in my name,
    vanished, disappeared from my account, taken from my account, took £
topic: film, films, movie, movies, novel, documentary, a course, course on, course about, courses on, training
    course, awareness, spotting, warn about, warning about, to warn, news, podcast, quiz, filter, filters,
    prevention, tips
money_loss: took, taken, take~ from, stole, stolen, steal~, gone, vanished, disappeared, drained, drained my,
    emptied, wiped out, cleaned out, lost, charged without, billed without, taken without, without my
    consent, without consent, without my permission, without permission, without authorisation, without
    authorization, unauthorised, unauthorized, never authorised, never authorized, ripped off for, scammed out of,
    conned out of, swindled out of, nicked, pinched, out of pocket
harm_body: a&e, a & e, a and e, the er, er visit, emergency room, ambulance, ambulances, paramedic*, hospitalised,
    hospitalized, in hospital, to hospital, ended up in hospital, admitted to, rushed to, icu, intensive care, fell,
    fallen, had a fall, a fall, after a fall, kitchen floor, bathroom floor, floor for hours, floor for six hours, took a fall, broke her hip, broke his hip, broken hip, broken wrist, broken arm, broken leg,
    fractured, fracture, bleeding, bled, blood everywhere, unconscious, passed out, fainted, collapsed, heart attack,
    stroke, seizure, seizures, on the floor for, on the floor all, lying on the floor, stitches, concussion, injured,
    injury, injuries, burns to, burned her, burned his, burnt her, burnt his
harm_emergency: 999, 911, 112, triple zero, call 000, dial 000, dialled 000, dialed 000, emergency services,
    emergency service, emergency call, emergency calls, emergency alert, emergency alerts, the alert, fire brigade,
    fire service, fire department, call an ambulance, call for an ambulance, ring an ambulance, get an ambulance,
    medical alarm, medical alert, alarm pendant, pendant alarm, personal alarm, panic button, care alarm, careline,
    call for help, calling for help, phone for help, get help, the police, call the police
vulnerable: my gran, my nan, grandma, grandmother, grandad, granddad, grandfather, grandpa, granny, year old mum,
    year old dad, year old mother, year old father, my grandma, my grandad, my granddad, my grandmother, my grandfather, grandparents, elderly,
    pensioner, pensioners, old man, old lady, aged 8*, aged 9*, my baby, the baby, a baby, babies, newborn, toddler,
    my son, my daughter, my kids, my children, my child, the kids, the children, a child, children, a kid, kids,
    disabled, disability, wheelchair, vulnerable, patient, patients, care home, nursing home, school, schools,
    nursery, hospital, hospice, pregnant, dialysis, oxygen, pacemaker, dementia, alzheimer's, blind, deaf, carer
danger: danger, stranded on, left stranded, dangerous, in danger, at risk, unsafe, alone, on her own, on his own, by herself, by himself,
    stranded, trapped, stuck, scared, terrified, frightened, crying, panic, panicking, couldn't call, could not call,
    couldn't ring, no way to call, unable to call, cut off, in the dark, without oxygen, threatened, shouted at,
    pushed, shoved, helpless, desperate, without medication, without her medication, without his medication
others_data: someone else's, somebody else's, a stranger's, strangers', another customer's, other customers',
    other customers, another person's, other people's, a random person's, some random, not mine, aren't mine, arent
    mine, isn't mine, isnt mine, belong to someone, belongs to someone, another account, someone else
private: passport, id, ids, iban, ibans, bank details, bank account, account number, sort code, address, addresses,
    home address, call log, call logs, call history, calls, bills, bill, invoices, invoice, data, personal data,
    personal details, full name, phone number, phone numbers, email, emails, date of birth, contract, contracts,
    payslips, transactions, location, messages, texts, details
impostor: vests, vest, hi-vis, uniform, uniforms, lanyards, lanyard, fake technician, fake technicians, fake engineer,
    fake engineers, fake installer, fake installers, fake rep, fake reps, posing as, pretending to be, claiming to be,
    claimed to be, said they were from, said he was from, said she was from, sms from, text from, texts from, message
    from, sender, sender id, same sender
impostor_act: pin, pins, card, cards, card details, card number, bank card, password, passcode, code, codes, stole,
    stolen, took, taken, asked for, demanded, wanted my, cash, wallet, money, purse
media_problem: affected, were hit, victims, customers who, testimonies, hit by,
    story out tonight, story out today, story is out, story out, publishing today, publishing tonight, we publish,
    out now on, our report is live, report is live, airs at, airs tonight, we spoke to, we've spoken to,
    we have spoken to,
    our story on, our piece on, our story about, our report on,
    reporters spoke to,
    our reporters spoke to, our reporter spoke to
"""
