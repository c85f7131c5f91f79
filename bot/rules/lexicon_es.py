"""Built-in Spanish lexicon. Phrases match whole words, ignoring case, accents and punctuation; `*` ends a prefix;
a word written `verbo~` stands for every form of the verb (`bot.rules.inflect`: "portar~ a" is "porto a", "portamos
a", "porté a", …).

Kinds are explained in `bot.rules.lexicon`. A playbook extends or trims these with `lexicon.extend` /
`lexicon.remove`.
"""

from __future__ import annotations

__all__ = ["SPANISH"]

SPANISH = """
complaint: nadie responde, nadie me responde, nadie nos ha llamado, no funciona, no me funciona, no va, no carga, no hay manera, no sirve, no sirven,
    sin servicio, sin cobertura, sin internet, sin linea, sin señal, sin datos, sin fibra, sin wifi, sin conexion,
    sin respuesta, sin avisar, sin poder, nadie nos avisa, nadie avisa, no me devolvais, no me devolvais, sigo sin,
    sigo esperando, llevo dias, llevo una semana, llevo semanas, llevo horas,
    dias sin, horas sin, semanas sin, caida, caido, se cae, se corta, cortes,
    verguenza, vergonzoso, indignante, indignado, indignada, lamentable, pesimo, pesima, fatal, horrible,
    nefasto, nefasta, desastre, un asco, asqueroso, estafa, estafadores, timo, ladrones, robo,
    harto, harta, hartos, hartas, estoy hasta las narices, queja, me quejo, reclamacion, reclamo,
    nadie me responde, nadie contesta, nadie me ayuda, nadie me da, ni caso, me cuelgan, me colgaron,
    tercera vez, cuarta vez, quinta vez, enesima vez, dos veces,
    cobro indebido, cobros indebidos, me han cobrado, me habeis cobrado, me cobrasteis, cobrado de mas,
    cobrar de mas, me siguen cobrando, cargos que no reconozco, cobros duplicados, cobro duplicado, doble cobro,
    no me ha devuelto,
    no me devuelven, no me habeis devuelto, no me han devuelto, no me devolveis, que me devuelvan, reembolso,
    abusivo, abuso, tomadura de pelo, me toman el pelo, inaceptable, peor compañia, peor servicio, lo peor,
    no me dejan, imposible, sin solucion, no lo solucionan, no me lo solucionan, ni una solucion,
    penalizacion, subida, me suben, me habeis subido, me han subido, nos ha subido, nos han subido, ha subido la,
    han subido la, sube la tarifa, permanencia*,
    no me ha solucionado, no me han solucionado, no han solucionado, no me habeis solucionado, no va en,
    no funciona nada, lleva caida, lleva caido, esta caida, esta caido, estan caidos, se ha caido, ni una explicacion,
    sin explicacion, sin explicaciones, nadie dice nada, nadie explica, nadie nos explica, no se ha presentado,
    no se presento, no ha venido nadie, no vino nadie, nadie ha venido, nunca vino, nunca ha venido, no ha venido,
    no vino, me ha facturado, me han facturado, me habeis facturado, me facturan, me facturais, esta muerto,
    esta muerta, linea muerta, sin tono, es una broma, vende humo, venden humo, vendiendo humo,
    nunca arreglaron, nunca lo arreglaron, sin arreglar,
    sin llamadas,
    no arregla nada, no arreglan nada, no arregla, no arreglan, fuera de servicio, nadie coge, no cogen el telefono,
    nadie contesta al telefono, sigue sin, penosa, penoso,
    se cortan, se me corta, se me cortan, no da señal, no dan señal, no da cobertura, no me deja, va y viene,
    ni rastro, de un departamento a otro, de departamento en departamento, dejado tirado, dejado tirada,
    me deja tirado, me deja tirada, solo sos, solo llamadas de emergencia,
    de chiste, es de chiste, no tiene nombre, surrealista, kafkiano, kafkiana, de locos, manda narices, manda
    huevos, no doy credito, que cruz, menuda cruz, un peligro, es un peligro, ya no aguanto, no aguanto mas, no hay
    quien la aguante, no hay quien lo aguante, no me han contestado, no me contestan, no contestan, no responden, no
    me responden,
    no tenia linea, no tenia señal, no tiene linea, no tenia cobertura, no pudo llamar, no pude llamar, no pudo
    pedir ayuda, no pudo avisar, no pude avisar,
    sin funcionar, 0 soluciones, cero soluciones, ninguna solucion, no entiendo como, tratar asi, tratais asi,
    tratan asi, no hay forma, subidas,
    que no he hecho, que no hice, que nunca hice, que no pedi, nunca pedi,
    perdido un dia entero, un dia entero de reservas, se cayo la linea, se ha caido la linea,
    que morro, menudo morro, vaya morro
complaint_soft: me cobran, me cobra, me cobrais, cobrandome, cobrarme, me clavan, me han clavado, factura, cobro,
    cargo, espera, esperando, devolucion, devuelvan, devolvedme, averia*, incidencia*, atencion al cliente,
    roaming, itinerancia, lento, lentisimo, va lento, fallo, falla, error, problema, problemas,
    retraso, retrasos, me prometieron, nos prometieron, prometieron, horas al telefono,
    😡, 🤬, 😤, 👎, 💩, 🙄,
    al telefono con, minutos al telefono, minutos en espera, musiquita, musica de espera, hora al telefono, horas
    esperando,
    que dificil, madre mia,
    cobrando a todos, cobrando a la gente, cobrando a los clientes,
    me pide, me piden, me pidio, me pidieron
sarcasm: gracias por nada, muchas gracias por nada, gracias por dejarme, gracias por cobrarme, me encanta pagar,
    me encanta que me, me encanta como, que maravilla de servicio, que buen servicio, genial otra vez,
    enhorabuena por, todo un lujo, de diez el servicio, de traca
churn: me doy de baja, darme de baja, dar de baja, doy de baja, la baja, me borro, me largo, me piro, me cambio,
    me voy a cambiar, cambiarme de compañia, cambiarme de operador, cambiarme de operadora, me paso a otra,
    portabilidad, portar el numero, portar mi numero, pedir la portabilidad,
    cancelar el contrato, cancelar mi contrato, cancelo el contrato, rescindir, ultimo mes con, ultimo mes en,
    se acabo, hasta nunca, adios, que hago todavia en, que pinto en, por que sigo en, por que sigo con,
    para que sigo, no me quedo, me marcho, cambiar de compañia, cambiar de operador, cambiar de operadora,
    cambio de compañia,
    no se por que sigo, no se que hago todavia, hasta aqui hemos llegado, cerrar mi cuenta, cerrar la cuenta,
    pensando en irme, planteando irme, planteo irme, pensando en cambiarme, planteando cambiarme,
    cancelar~ todo, dar~ de baja todo, razon para no irme, motivo para no irme, razon para no cambiarme,
    motivo para no cambiarme, dado de baja, di de baja, dimos de baja, dio de baja, nos hemos dado de baja,
    chau, chao, ultimo dia con, ultimo dia en, ultima semana con, ultima factura con, pedi la portabilidad, pedido
    la portabilidad, solicitado la portabilidad, solicite la portabilidad, hice la portabilidad, hecho la
    portabilidad
churn_weak: me voy, me paso, me llevo, nos llevamos, llevarme, se va, se van, se pasa, nos vamos, nos pasamos, nos cambiamos, me fui, me cambie,
    me he cambiado, me he pasado, cambiar*, cambiarme, pasarme, irme, dejo, dejar, me quedo con, contratar con,
    contrato con, hacerme de, me hago de, estaria en, estaria con, estare en, que hago en, que hago con,
    pasamos, pasaremos, he firmado con, firmado con, firmo con, firmamos con, me doy de alta en,
    me he dado de alta en, darme de alta en, me doy de alta con, llevamos,
    portar~, traspasar~, trasladar~, migrar~, mover~, cambiar~, me mudar~, nos mudar~, me despedir~ de,
    nos despedir~ de, contrate, contratado, contratamos, contratare, contrataremos, me hago cliente de,
    me hago clienta de, nos hacemos clientes de, me he hecho cliente de, me he hecho clienta de,
    nos hemos hecho clientes de, hacerme cliente de, hacerme clienta de, ya soy de, ahora soy de, ya somos de,
    ahora somos de, cancelar~, pasar~ mi, pasar~ mis, pasar~ la, pasar~ las, pasar~ el, pasar~ los, pasar~ toda,
    pasar~ todas, pasar~ todos, pasar~ nuestra, pasar~ nuestras, pasar~ nuestros,
    pasar~ sus, pasar~ su, me planto en, nos plantamos en, me presento en, nos presentamos en, estoy en, estamos en,
    voy a estar en, me quiero ir, nos queremos ir, me voy a ir, me quiero ir de, me quiero pasar a, chau, chao,
    ya es de, ahora es de, ya son de, ahora son de,
    hasta luego, hasta siempre, ya soy cliente de, ya soy clienta de, ahora soy cliente de, ahora soy clienta de, ya
    somos clientes de, ahora somos clientes de, contratar~, se pasan, se cambia, se cambian, me pasar~, nos pasar~,
    se pasar~,
    ya estoy con, ahora estoy con, ya estamos con, ahora estamos con,
    m paso, m cambio, m voy, m piro,
    pasan a, toda la familia a, la familia entera a, la familia a
shopping: mirar~, buscar~, me buscar~, comparar~, echar~ un ojo a,
    ver~
other_provider: otra compañia, otra operadora, otro operador, la competencia, cualquier otra, otra empresa,
    otras compañias, otras operadoras, otros operadores, otras empresas, una compañia nueva, un operador nuevo,
    otras tarifas,
    compañia nueva, operador nuevo, operadora nueva, compañias nuevas, otro operador nuevo
legal: denuncia, denunciar, denunciare, denunciaros, os denuncio, abogado, abogada, abogados, demanda, demandar,
    demandare, demandaros, os demando, juzgado, juicio, tribunales, omic, facua, ocu, oficina del consumidor,
    oficina de consumo, ante consumo, ministerio de consumo, hoja de reclamaciones, reclamacion formal, arbitraje,
    secretaria de estado de telecomunicaciones, cnmc, aepd, agencia de proteccion de datos, accion legal,
    acciones legales, via judicial, demanda colectiva
safety: incendi*, ardio, fuego, exploto, ha explotado, explosion, quemadura, quemaduras, me quemo, me he quemado,
    humo, descarga electrica, una descarga, electrocut*, herido, herida, hospital, urgencias, fraude, suplantacion,
    suplantando,
    phishing, duplicado de sim, duplicaron mi sim, robo de identidad, me han vaciado, vaciaron mi cuenta,
    hackeo, hackeado, hackeada, ha hackeado, me han hackeado, filtracion, filtracion de datos, brecha de datos,
    datos filtrados, 112, llamar a emergencias, llamar al 112,
    olia a quemado, huele a quemado, olor a quemado, oliendo a quemado, se ha hinchado, se hincho, bateria hinchada,
    se esta hinchando, bateria abombada, saltaron chispas, saltan chispas, salen chispas, salieron chispas, chispazo,
    sobrecalient*, se calienta muchisimo, cable pelado, cables pelados, calambrazo, me dio la corriente, se derritio,
    se ha derretido, derretido, derretida, clonado la sim, clonaron la sim, clonaron mi sim, sim clonada,
    entrado en mi banco, entraron en mi cuenta, ambulancia, sangrando, heridos, se ha caido sobre, se cayo encima,
    cayo sobre,
    en llamas, calambre, haciendose pasar por, se hacen pasar por, se hace pasar por, suplantan, han filtrado,
    filtrado mis datos, se han filtrado, mis datos expuestos, al rojo vivo,
    se ha hecho con mi, se han hecho con mi, se hizo con mi, se hicieron con mi,
    olor a gas, huele a gas, olia a gas, oliendo a gas, olemos a gas, peste a gas, fuga de gas, fugas de gas, escape
    de gas, tuberia de gas, tuberia del gas, tuberias de gas, tuberias del gas, conducto del gas, cañeria del gas,
    cañeria de gas, 911, al 911, a emergencias, a urgencias, cortocircuito, corto circuito, hizo corto, arqueta
    abierta, arquetas abiertas, arqueta sin tapa, zanja abierta, zanja sin señalizar, socavon, tropezo con, se
    tropezo con, ha tropezado con, tropezado con, se ha tropezado, me tropece con, infarto, da
    corriente, daba corriente, dio corriente, le dio la corriente,
    atropell*, resbalo, se resbalo, se ha resbalado,
    plastico quemado, olor a plastico quemado, pedir ayuda,
    me resbale, resbalon, se cayo un panel, se cayo una estanteria, se desplomo, cayo de la pared,
    se cayo de la pared, ciberataque, ataque informatico, estafador, estafadores, sms falso, mensaje fraudulento,
    mensajes fraudulentos, me vacio la cuenta, nos vacio la cuenta, vaciaron la cuenta, me vaciaron la cuenta,
    me han vaciado la cuenta, entro en mi cuenta, entraron en mi banca, entro en mi banca, robado la cuenta,
    me robaron la cuenta, me han robado la cuenta, hackeado la cuenta,
    suplantaron, me suplantaron, suplantaron mi identidad, usurparon mi identidad,
    se cayo encima de, me cayo encima, le cayo encima,
    se hizo pasar por mi, se hicieron pasar por mi, haciendose pasar por mi
device: bateria, baterias, cargador, cargadores, router, modem, movil, tablet, portatil, enchufe, regleta,
    transformador, antena, caja de conexiones
device_state: hinchad*, abombad*, se ha abombado, inflad*, se ha inflado, revento, ha reventado, reventad*,
    ardiendo, ardio, quemado, quemada, se ha quemado, se quemo, fundido, fundida, se ha fundido, se fundio,
    al rojo, echando humo, chamuscad*, calcinad*, estallo, ha estallado, se ha derretido,
    peto, ha petado, petado, se prendio, hizo cortocircuito,
    se puso negro, se ha puesto negro, ennegrecido, chispas, soltar chispas, soltando chispas, se fundieron, se
    fundio, olia a plastico, huele a plastico,
    inchad*
cable: cable, cables, cableado, poste, postes, antena,
    zanja, zanjas, arqueta, arquetas, agujero, hueco, socavon,
    torre, mastil
cable_state: suelto, sueltos, suelta, sueltas, colgando, pelado, pelados, al aire, a la vista, sin proteger,
    por el suelo, caido, caidos, tirado, tirados, en el suelo, por la acera, en la acera, cruzando la calle,
    al descubierto, sin tapar, asomando, sin tapa, sin vallar, sin valla, sin señalizar, sin proteccion,
    fundido, fundidos, se fundieron, se fundio, derretido, derretidos, quemado, quemados, se desplomo, se vino abajo,
    cayo del tejado, se cayo del tejado, caido del tejado, cayo a la calle, se cayo a la calle
lifeline: teleasistencia, boton de emergencia, boton del panico, alarma medica, pulsera de emergencia,
    telealarma
failure: me echa, me echan, me ha echado, me han echado, me saca, me expulsa, se me va, se va, se ha ido,
    se fue, se me ha ido, se desconecta, se desconecto, se me desconecta, se cuelga, se bloquea, se cae,
    se cierra sola, se cierra, se apaga sola, se reinicia sola, se reinicia
service: app, aplicacion, web, pagina, fibra, wifi, internet, linea, lineas, señal, cobertura, datos,
    llamadas, llamada, conexion, router, red, 5g, 4g, area de cliente, tele, television
widespread: en toda, en todo, toda la ciudad, todo el barrio, todo el pueblo, media ciudad, todo el mundo
arrival: alla voy, alla vamos, alla que voy, alla que vamos, voy para alla,
    se lleva mis, se lleva mi, se lleva las, se lleva todas, se queda con mis, se queda con mi, se queda con todas,
    se lleva mi dinero, se queda con mi dinero
media_lead: escribo para, escribo en, trabajo en, trabajo para, somos de, soy de, os escribo de, le escribo de,
    les escribo de
report: segun, ranking, clasificacion, informe, estudio, encuesta, barometro, publica su, premio
media: soy periodista, periodista de, redaccion de, para un reportaje, para una noticia, para un articulo,
    estamos preparando, escribiendo un articulo, publicaremos, declaraciones, version de la compañia, su version,
    portavoz, comunicado oficial, rueda de prensa,
    soy redactora, soy redactor, soy reportera, soy reportero, periodista aqui, aqui periodista,
    preparando un reportaje, un reportaje sobre, una pieza sobre, vamos a publicar, tienen algo que decir,
    tiene algo que decir, algo que comentar, su valoracion,
    estoy preparando, preparando una informacion, preparando un articulo, preparando una pieza, investigamos,
    estamos investigando, investigando, una investigacion sobre, buscamos testimonios, busco testimonios, trabajo en
    un reportaje, reportaje sobre,
    preparo un articulo, preparo un reportaje, estoy escribiendo sobre, escribiendo sobre,
    escribo sobre,
    hoy publicamos, publicamos, ya esta publicado, esta publicado, hemos hablado con, en el informativo,
    esta noche en, vuestra version, su version sobre,
    hemos entrevistado, nuestro reportaje, nuestra investigacion
media_author: periodista, redactor, redactora, reportero, reportera, diario, noticias, periodico, radio,
    television, revista, agencia efe, europa press, informativos, cadena, gaceta, emisora, semanario
executive_title: ceo, consejero delegado, consejera delegada, director general, directora general, presidente de,
    presidenta de, vuestro jefe, vuestra jefa, el jefe, la jefa, un directivo, alguien que decida, con poder,
    alguien con poder
ask_alternative: alguna alternativa, que alternativa, que me recomendais, me recomendais, recomendais,
    que compañia, que operador, a que compañia, que me ofreceis, me ofreceis, alguna oferta, quien me ofrece,
    busco compañia, busco operador, necesito otra compañia, me iguala, me igualais, me igualan, igualarme,
    me lo iguala, me lo igualais
comparison: gratis, incluido, mas barato, mas barata, la mitad, en cambio, mientras que, no me cobra, no cobra,
    no cobran, sin coste, ellos no, ellos si, a ellos
praise: perfecta, que bien, muy buena, muy bueno, util, perfecto, perfectamente, genial, gracias, me encanta, de lujo, funciona bien, va bien, estupendo, fenomenal,
    encantado, encantada, increible, maravilla, fantastico, fantastica, maravilloso, de maravilla, la mejor, el mejor,
    los mejores, las mejores, todo listo,
    alucinante
spam: sorteo, gana un iphone, participa y gana, haz clic, pincha aqui, seguidores gratis, gana dinero, bitcoin,
    criptomonedas, cripto, enlace en bio, link en bio, codigo promocional
shield: me cai de la silla, se me cayo la cara de verguenza, me muero de risa, muerto de risa, consumo de datos, es fuego, sin permanencia, sin problema, sin problemas, no me quejo, no esta mal,
    ni un problema, ningun problema, sin ningun problema, sin fallos, cero problemas, sin cortes, sin esperas,
    no hay queja, ninguna queja, que arde, me mata de risa, me muero de risa, estoy quemado, estoy quemada,
    me cambio de sitio, cambio de sitio, cambiar de sitio, me cambio de ropa, me cambio de casa, que echo humo,
    que echa humo, vende humo, venden humo, vendiendo humo, vender humo,
    se ha caido sobre, se cayo encima, alarma de incendios, alarma contra incendios, alarmas de incendios,
    simulacro de incendio, simulacro de incendios, salida de incendios, boca de incendios, bomberos voluntarios,
    ni rastro de cortes, ni rastro de problemas, ni rastro de fallos, ni rastro de averias, me echa una mano,
    me echan una mano, echar una mano, mi culpa, culpa mia, dias sin cargar, horas sin cargar, ardiendo de calor, esta ardiendo de,
    fuego puro, puro fuego, fue fuego, fue un incendio, es un incendio, un incendio total, incendio total, una
    explosion de, explosion de energia, explosion de alegria, a todo gas, dale gas, dar gas, dando gas, gas del
    mechero, factura del gas, luz y gas, luz o gas, vi un reportaje, he visto un reportaje, vimos un reportaje, lei
    un articulo, vi una noticia, se me ha caido el movil, se me cayo el movil, se me cae el movil, se me ha caido al
    suelo,
    me exploto la cabeza, exploto la cabeza, me va a explotar la cabeza, la cabeza me exploto,
    grabado a fuego, grabada a fuego, me voy a vivir, nos vamos a vivir, se va a vivir
harm: se ha quemado, se quemo, le quemo, le ha quemado, me he quemado, se ha roto, se rompio, le rompio, se ha
    fracturado, se fracturo, ampolla, ampollas, quemadura, se ha cortado, se corto, se ha lastimado, se lastimo, se
    ha hecho daño en, se hizo daño en, se ha abrasado, se abraso,
    me queme,
    me rompi, me he roto, me he fracturado, me fracture, me torci, me he torcido, me hice daño en, se torcio
body: mano, manos, brazo, brazos, pierna, piernas, cara, dedo, dedos, cadera, muñeca, tobillo, cabeza, pie, pies,
    piel, espalda, rodilla, cuello, ojo, ojos, muslo, frente,
    codo, codos, hombro, hombros, costilla, costillas, nariz, diente, dientes, clavicula
sim: sim, esim, chip, tarjeta sim, tarjeta
disclaim: nada que ver con, no es culpa de, no fue culpa de, sin culpa de,
    no tiene nada que ver, no tuvo nada que ver
business: muebles, autoescuela, clinica, dental, fisioterapia, fisio, panaderia, cafeteria, gimnasio, peluqueria,
    inmobiliaria, restaurante, hotel, academia, floristeria, ortopedia, taller, mudanzas, bodegas, farmacia, optica,
    veterinaria, guarderia, pasteleria, joyeria, zapateria, asesoria, reformas, yoga, pilates
staff: tecnico, tecnicos, instalador, instaladores, operario, operarios, el de movilia,
    empleado, empleada, dependiente, dependienta, comercial de la tienda
staff_threat: borracho, borracha, bebido, iba bebido, olia a alcohol, acoso, acosa, acosando, me acosa, mensajes de
    acoso, me escribe a las, me escribe por whatsapp a las, si vivo sola, si vivo solo, sabe donde vivo, miedo de que
    vuelva, miedo de que venga, violento, violenta, se puso agresivo, se puso violento, me amenazo, amenazo a,
    amenazandome, empujo, tiro a mi,
    pego a, golpeo, agredio,
    me toco, le toco el culo, toco el culo, me sobo, tocamientos, se propaso,
    me da panico, me da miedo, volvio de noche, me agredio, agredio a,
    me manda fotos, me envia fotos, estoy asustada, estoy asustado
data: dni, pasaporte, datos bancarios, cuenta bancaria, numero de cuenta, iban, datos personales, datos de
    clientes, base de datos, tarjeta de credito, fecha de nacimiento,
    nie, numero de tarjeta, numeros de tarjeta, numero de la tarjeta, pin de la tarjeta, seguridad social
exposed: expuestos, expuesto, brecha, accedieron, filtrado, filtrados, filtraron, robaron, robado, hackeo,
    ciberataque, ataque informatico, comprometidos,
    visto comprometidos, visto comprometido, han accedido, accedido a
fraud: duplicado de mi sim, duplicado de sim, duplicado de tarjeta sim, duplicado de la sim, le dio mi numero,
    dieron mi numero, estafador, estafadores, sms falso, mensaje fraudulento, sms desde el numero, desde el numero de,
    mismo remitente, codigo corto, pinche, pinche en el enlace, haciendose pasar por, entro en mi cuenta, cambio el
    correo, cambio la contraseña, me desvian las llamadas, desvian las llamadas,
    con un enlace, el enlace, un enlace, meti la tarjeta, meti los datos, puse la tarjeta
loss: perdi, he perdido, ha perdido, me han sacado, me sacaron, me robaron, me vaciaron, me vacio, vaciaron, se llevo
    todo, a mi nombre, financiado, me han robado,
    me cargaron, me han cargado, me cobraron, prestamo a mi nombre, sacaron un prestamo,
    me fundio la tarjeta, me fundieron la tarjeta, me fundieron la cuenta
topic: pelicula, peli, novela, serie sobre, documental, un curso, curso sobre, curso de, cursos de, detecten,
    detectar, me aviso por sms de, avisan de, noticias, podcast, filtro, filtros, prevencion, consejos
money_loss: me sacaron, me han sacado, me saco, me ha sacado, me quitaron, me han quitado, me quito, me ha quitado,
    me robaron, me han robado, me robo, me ha robado, me vaciaron, me han vaciado, me birlaron, me volaron,
    perdi, he perdido, hemos perdido, perdimos, ha perdido, perdio, desaparecieron, han desaparecido, desaparecio,
    ha desaparecido, se esfumaron, se han esfumado, volaron, han volado, me cobraron sin, me han cobrado sin,
    me cargaron sin, me han cargado sin, sin mi consentimiento, sin consentimiento, sin mi permiso, sin permiso, sin autorizacion, sin autorizar,
    no autorizado, no autorizados, no autorizada, no autorizadas, nos sacaron, nos quitaron, nos robaron, le sacaron,
    le quitaron, le robaron, le han sacado, le han quitado, le han robado, vaciaron la cuenta, me han vaciado la cuenta
harm_body: urgencias, ambulancia, ambulancias, hospitalizado, hospitalizada, ingresado, ingresada, ingresaron,
    acabo en el hospital, acabe en el hospital, terminamos en el hospital, al hospital, en la uci, uci, se cayo en el
    bano, se cayo en casa, se cayo en la ducha, se cayo por las escaleras, me cai, me he caido, rompio la cadera, roto la cadera, sangrando,
    sangraba, sangre, inconsciente, desmayo, se desmayo, se ha desmayado, infarto, ictus, convulsiones, en el suelo
    durante, en el suelo horas, tirada en el suelo, tirado en el suelo, horas en el suelo, quemaduras, herido, herida
    en la, heridos, puntos de sutura, le dieron puntos, fractura, fracturado
harm_emergency: 112, al 112, el 112, 091, 061, emergencias, servicio de emergencias, servicios de emergencia,
    llamada de emergencia, llamadas de emergencia, alerta de emergencia, alertas de emergencia, es-alert, bomberos,
    llamar a una ambulancia, llamar a la ambulancia, pedir una ambulancia, teleasistencia, boton de teleasistencia,
    colgante de teleasistencia, pulsera de teleasistencia, alarma medica, alarma de caidas, boton de emergencia,
    pedir ayuda, pidiendo ayuda, llamar para pedir ayuda, guardia civil, policia
vulnerable: abuela, abuelo, mi abuela, mi abuelo, la abuela, el abuelo, mis abuelos, abuela de, abuelo de, anciana, anciano,
    ancianos, persona mayor, personas mayores, madre de 8*, padre de 8*, madre de 9*, padre de 9*, mi bebe, el bebe,
    la bebe, un bebe, los bebes, recien nacido, recien nacida, mi hijo, mi hija, mis hijos, mi nino, mi nina, los
    ninos, las ninas, menor, menores, discapacidad, discapacitado, discapacitada, dependiente, dependencia, silla de
    ruedas, paciente, pacientes, colegio, escuela, guarderia, residencia, centro de salud, hospital, embarazada,
    dialisis, oxigeno, marcapasos, alzheimer, demencia, ciega, ciego, sordo, sorda
danger: tirada, tirado, tirados, peligro, peligroso, peligrosa, en riesgo, riesgo, sola en casa, solo en casa, incomunicada, incomunicado,
    incomunicados, aislada, aislado, atrapada, atrapado, atrapados, asustada, asustado, aterrada, aterrado,
    llorando, panico, sin poder llamar, no podia llamar, no pudo llamar, no pude llamar, no pudimos llamar, a oscuras,
    sin oxigeno, amenazaron, amenazo, le gritaron, le grito, le empujo, le empujaron, se asusto, desesperada,
    desesperado, sin luz, sin medicacion, sin medicina, sin medicinas
others_data: de otra persona, de otras personas, de otro cliente, de otra clienta, de otros clientes, de otras
    clientas, de un desconocido, de una desconocida, de desconocidos, de un extrano, de una extrana, ajenos, ajenas,
    ajeno, ajena, de otro senor, de otra senora, de un senor, de una senora, que no son mios, que no es mio, que no
    son mias, que no es mia, de otra gente, de terceros
private: dni, dnis, nie, iban, ibanes, numero de cuenta, cuenta bancaria, datos bancarios, direccion, direcciones,
    domicilio, registro de llamadas, historial de llamadas, llamadas, facturas, factura, datos, datos personales,
    nombre completo, nombre y apellidos, telefono, telefonos, correo, fecha de nacimiento, contrato, contratos,
    nominas, movimientos, ubicacion, mensajes
impostor: chaleco de, chalecos de, chaleco con el logo, chalecos con el logo, uniforme de, uniformes de, con el
    uniforme, con uniforme, vestidos de, vestido de, falso tecnico, falsos tecnicos, falso instalador, falsos
    instaladores, falso comercial, falsos comerciales, se hacen pasar, se hizo pasar, se hacia pasar, se hacian pasar,
    haciendose pasar, decian ser de, dijo ser de, dijeron ser de, decia ser de, un sms de, sms de, mensaje de,
    remitente, mismo remitente, a nombre de
impostor_act: pin, pines, numero secreto, codigo secreto, tarjeta, tarjetas, numero de tarjeta, datos de la tarjeta,
    contrasena, clave, claves, codigo, codigos, me robaron, le robaron, nos robaron, robaron, se llevaron, se llevo,
    me quitaron, le quitaron, pidieron, pidio, pedian, me sacaron, le sacaron, dinero, cartera
media_problem: afectado, afectados, afectada, afectadas, testimonios, testimonio, victimas, perjudicados, perjudicadas,
    hoy publicamos, publicamos, ya esta publicado, esta publicado, hemos hablado con, en el informativo,
    hemos entrevistado, nuestro reportaje, nuestra investigacion
"""
