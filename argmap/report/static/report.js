(function(){
'use strict';
var lit=[],nav=null;
function clear(){for(var i=0;i<lit.length;i++)lit[i].classList.remove('hl');lit=[];}
function light(e){if(e&&!e.classList.contains('hl')){e.classList.add('hl');lit.push(e);}}
function all(sel){return Array.prototype.slice.call(document.querySelectorAll(sel));}
function claim(k){return all('[data-c~="'+k+'"]');}
function show(k,from){
  clear();
  k=+k;
  if(nav){nav.select(k,from!=='map');fill(nav.chunk(k));}
  var els=claim(k),first=null,card=null;
  els.forEach(function(e){
    light(e);
    if(e.classList.contains('q')){light(e.closest('.sentence'));if(!first)first=e;}
    if(e.tagName.toLowerCase()==='li'&&e.classList.contains('claim'))card=e;
  });
  if(from!=='text'&&first)first.scrollIntoView({block:'center'});
  if(from==='text'&&!nav&&card)card.scrollIntoView({block:'center'});
  if(nav)nav.card(k);
}
document.addEventListener('click',function(ev){
  var t=ev.target;if(!(t instanceof Element))return;
  if(nav&&nav.dragged()){ev.preventDefault();return;}
  var q=t.closest('a.q');
  if(q){ev.preventDefault();show(q.getAttribute('data-c').split(' ')[0],'text');return;}
  var b=t.closest('g.badge');
  if(b&&nav){ev.preventDefault();nav.toggle(+b.getAttribute('data-b'));return;}
  var g=t.closest('g.claim,li.claim');
  if(g&&!t.closest('blockquote a,.meta a')){ev.preventDefault();show(g.getAttribute('data-c'),'map');}
});
// A long article's blocks are read in when they come into view.
function fill(i){
  var d=typeof i==='number'?document.querySelector('.ch.lazy[data-ch="'+i+'"]'):i;
  if(!d||!d.classList.contains('lazy'))return;
  var s=d.firstElementChild;d.innerHTML=s?s.textContent:'';d.classList.remove('lazy');d.style.height='';
}
var lazy=all('.ch.lazy');
if(lazy.length){
  var io=new IntersectionObserver(function(es){es.forEach(function(e){if(e.isIntersecting){io.unobserve(e.target);fill(e.target);}});},{rootMargin:'600px 0px'});
  lazy.forEach(function(d){io.observe(d);});
}
var holder=document.getElementById('map-data');
if(holder)nav=navigator_(JSON.parse(holder.textContent));

function navigator_(D){
  // GAP between siblings, RANK between levels, JGAP more where lines meet at a junction;
  // the claims' text is 11 px at scale 1 and opens at least LEGIBLE px high;
  // a scheme's name is drawn from scale SCHEME on, in at most LABEL characters.
  var NS='http://www.w3.org/2000/svg',GAP=16,RANK=32,JGAP=24,PAD=10,LEGIBLE=11,TEXT=11,SCHEME=0.65,LABEL=32;
  var $=function(id){return document.getElementById(id);};
  var view=$('view'),svg=$('svg'),world=$('world'),gE=$('edges'),gB=$('boxes'),mini=$('minimap'),list=$('outline-list');
  $('nav').hidden=false;
  var n=D.id.length,P=D.p,W=D.w,H=D.h,vertical=D.dir==='up'||D.dir==='down',sign=(D.dir==='down'||D.dir==='right')?-1:1;
  var kids=[],i,j,v;
  for(i=0;i<n;i++)kids.push([]);
  var roots=[];
  for(j=0;j<D.o.length;j++){v=D.o[j];if(P[v]>=0)kids[P[v]].push(v);else roots.push(v);}
  var size=new Int32Array(n),depth=new Int32Array(n);
  for(j=0;j<D.o.length;j++){v=D.o[j];depth[v]=P[v]>=0?depth[P[v]]+1:0;}
  for(j=D.o.length-1;j>=0;j--){v=D.o[j];size[v]+=1;if(P[v]>=0)size[P[v]]+=size[v];}
  var folded=new Uint8Array(n),hit=new Uint8Array(n);
  // Open on the theses and as many whole levels as fit in D.open boxes (at least one level below).
  var perDepth=[];
  for(i=0;i<n;i++)perDepth[depth[i]]=(perDepth[depth[i]]||0)+1;
  var open=0,total=0;
  for(i=0;i<perDepth.length;i++){total+=perDepth[i];if(total>D.open&&i>1)break;open=i;}
  for(i=0;i<n;i++)if(depth[i]>=open&&kids[i].length)folded[i]=1;
  D.f.forEach(function(k){folded[k]=1;});
  var sel=-1,focusOn=false,focusK=2,inFocus=null;
  var cx=new Float64Array(n),cy=new Float64Array(n),shown=new Uint8Array(n),hidden=new Int32Array(n);
  var vis=[],bounds=[0,0,1,1];
  var s=1,tx=0,ty=0;
  // Junctions (linked premises, inferences that are undercut): J[j]=[target,kind,scheme],
  // a target <0 being junction -1-target; V[v] says where claim v's tree line goes (see map_data).
  var J=D.j||[],nj=J.length,V=D.v,S=D.s,SN=D.sn||[],jc=new Int32Array(nj);
  for(j=0;j<nj;j++){var t0=J[j][0],guard=0;while(t0<0&&guard++<nj)t0=J[-1-t0][0];jc[j]=t0<0?-1:t0;}
  var jx=new Float64Array(nj),jy=new Float64Array(nj),jon=new Uint8Array(nj),gaps=[];
  function label(k){var t=SN[k]||'';return t.length>LABEL?t.slice(0,LABEL-1)+'\u2026':t;}
  function labelRoom(k){return vertical?0:Math.ceil(label(k).length*5.4)+12;}

  function across(v){return vertical?W[v]:H[v];}
  function along(v){return vertical?H[v]:W[v];}
  function showKids(v){
    if(focusOn)return kids[v].filter(function(c){return inFocus[c];});
    return folded[v]?[]:kids[v];
  }
  function layout(){
    var top=roots;
    if(focusOn&&sel>=0){
      inFocus=new Uint8Array(n);
      var q=[sel],d=[0];inFocus[sel]=1;
      for(var h=0;h<q.length;h++){
        if(d[h]>=focusK)continue;
        var nb=kids[q[h]].slice();if(P[q[h]]>=0)nb.push(P[q[h]]);
        for(var m=0;m<nb.length;m++)if(!inFocus[nb[m]]){inFocus[nb[m]]=1;q.push(nb[m]);d.push(d[h]+1);}
      }
      var a=sel;while(P[a]>=0&&inFocus[P[a]])a=P[a];
      top=[a];
    }else focusOn=false;
    for(var k=0;k<vis.length;k++)shown[vis[k]]=0;
    vis=[];
    var stack=top.slice().reverse(),lvl=new Int32Array(n),ch=new Array(n);
    while(stack.length){
      v=stack.pop();vis.push(v);shown[v]=1;
      var c=showKids(v);ch[v]=c;
      for(k=c.length-1;k>=0;k--){lvl[c[k]]=lvl[v]+1;stack.push(c[k]);}
    }
    var span=new Float64Array(n),block=new Float64Array(n),thick=[];
    for(k=vis.length-1;k>=0;k--){
      v=vis[k];var c2=ch[v],b=0,vd=0;
      for(var m2=0;m2<c2.length;m2++){b+=span[c2[m2]];vd+=size[c2[m2]]-hidden[c2[m2]];}
      if(c2.length)b+=GAP*(c2.length-1);
      block[v]=b;span[v]=Math.max(across(v),b);
      hidden[v]=size[v]-1-vd;
      thick[lvl[v]]=Math.max(thick[lvl[v]]||0,along(v));
    }
    // Room between two levels for the junctions and the schemes' names of the lines that cross it.
    gaps=[];
    for(k=0;k<vis.length;k++){
      v=vis[k];if(!lvl[v])continue;
      var w=V?V[v]:-1,e=w>=0?JGAP+(J[w>>1][2]>=0?labelRoom(J[w>>1][2]):0):S&&S[v]>=0?labelRoom(S[v]):0;
      if(e>(gaps[lvl[v]]||0))gaps[lvl[v]]=e;
    }
    var off=[0];
    for(k=1;k<thick.length;k++)off[k]=off[k-1]+thick[k-1]+RANK+(gaps[k]||0);
    var X=new Float64Array(n),run=0;
    for(k=0;k<top.length;k++){X[top[k]]=run;run+=span[top[k]]+GAP*2;}
    var minx=1e300,miny=1e300,maxx=-1e300,maxy=-1e300;
    for(k=0;k<vis.length;k++){
      v=vis[k];var c3=ch[v],start=X[v]+(span[v]-block[v])/2;
      for(var m3=0;m3<c3.length;m3++){X[c3[m3]]=start;start+=span[c3[m3]]+GAP;}
      var ac=X[v]+span[v]/2,al=sign*(off[lvl[v]]+thick[lvl[v]]/2);
      if(vertical){cx[v]=ac;cy[v]=al;}else{cx[v]=al;cy[v]=ac;}
      minx=Math.min(minx,cx[v]-W[v]/2);maxx=Math.max(maxx,cx[v]+W[v]/2);
      miny=Math.min(miny,cy[v]-H[v]/2);maxy=Math.max(maxy,cy[v]+H[v]/2);
    }
    bounds=[minx,miny,maxx,maxy];
    // A junction stands in the middle of the gap above its premises, centred on them (on the
    // lines that bear on its inference when none of its premises is shown).
    var sum=new Float64Array(2*nj),cnt=new Int32Array(2*nj),jl=new Int32Array(nj);
    jon.fill(0);
    if(V)for(k=0;k<vis.length;k++){
      v=vis[k];var w2=V[v];if(!lvl[v]||w2<0)continue;
      var q=w2>>1,h2=(w2&1)*nj;sum[h2+q]+=vertical?cx[v]:cy[v];cnt[h2+q]++;jl[q]=lvl[v];
    }
    for(k=0;k<nj;k++){
      var c4=cnt[k]?k:cnt[nj+k]?nj+k:-1;if(c4<0)continue;
      var ac2=sum[c4]/cnt[c4],al2=sign*(off[jl[k]]-(RANK+(gaps[jl[k]]||0))/2);
      jon[k]=1;jx[k]=vertical?ac2:al2;jy[k]=vertical?al2:ac2;
    }
    drawMiniBase();outline();
  }
  // ------------------------------------------------------------ drawing
  function el(name,attrs,parent){
    var e=document.createElementNS(NS,name);
    for(var a in attrs)e.setAttribute(a,attrs[a]);
    if(parent)parent.appendChild(e);
    return e;
  }
  function f1(x){return Math.round(x*10)/10;}
  // A line from (ax,ay) to (bx,by) that leaves and enters along the direction, each end cut
  // back by the half size (aw,ah), (bw,bh) of what stands there; a head at b if asked
  // (an arrow for a support, a bar for an attack, as in the diagrams); the path says where it
  // comes from (data-from: a claim's number, or j and a junction's).  Returns its ends.
  function line(ax,ay,aw,ah,bx,by,bw,bh,cls,head,parent,from){
    var d,ux,uy;
    if(vertical){
      var dir=by<ay?-1:1;ay+=dir*ah;by-=dir*bh;ux=0;uy=dir;
      d='M'+f1(ax)+','+f1(ay)+'C'+f1(ax)+','+f1((ay+by)/2)+' '+f1(bx)+','+f1((ay+by)/2)+' '+f1(bx)+','+f1(by);
    }else{
      var dx=bx<ax?-1:1;ax+=dx*aw;bx-=dx*bw;ux=dx;uy=0;
      d='M'+f1(ax)+','+f1(ay)+'C'+f1((ax+bx)/2)+','+f1(ay)+' '+f1((ax+bx)/2)+','+f1(by)+' '+f1(bx)+','+f1(by);
    }
    el('path',{'class':'e '+cls,d:d,'data-from':from},parent);
    if(head){
      var c=cls.charAt(0),p,hx=bx-ux*8,hy=by-uy*8;
      if(c==='a')p='M'+f1(bx+uy*5)+','+f1(by-ux*5)+'L'+f1(bx-uy*5)+','+f1(by+ux*5)+'L'+f1(bx-uy*5-ux*2.5)+','+f1(by+ux*5-uy*2.5)+'L'+f1(bx+uy*5-ux*2.5)+','+f1(by-ux*5-uy*2.5)+'z';
      else p='M'+f1(bx)+','+f1(by)+'L'+f1(hx-uy*4)+','+f1(hy+ux*4)+'L'+f1(hx+uy*4)+','+f1(hy-ux*4)+'z';
      el('path',{'class':'h '+c,d:p},parent);
    }
    return [ax,ay,bx,by];
  }
  // A scheme's name: small grey italics, on a line near its premise, or beside a junction.
  function name(k,x,y,anchor,parent){
    var t=el('text',{'class':'sch',x:f1(x),y:f1(y),'text-anchor':anchor},parent);
    t.textContent=label(k);
    if(SN[k].length>LABEL){var tt=el('title',{},t);tt.textContent=SN[k];}
  }
  function nameOn(k,e,parent){
    if(vertical)name(k,e[0]+0.15*(e[2]-e[0]),(e[1]+e[3])/2+3,'middle',parent);
    else name(k,(e[0]+e[2])/2,e[1]+0.15*(e[3]-e[1])-4,'middle',parent);
  }
  var KIND=['s','a','s u','a u'];
  var frame=0;
  function draw(){
    frame=0;
    world.setAttribute('transform','translate('+f1(tx)+','+f1(ty)+') scale('+s+')');
    var vw=view.clientWidth,vh=view.clientHeight,m=40/s;
    var x0=-tx/s-m,y0=-ty/s-m,x1=(vw-tx)/s+m,y1=(vh-ty)/s+m;
    function inView(v){return cx[v]+W[v]/2>=x0&&cx[v]-W[v]/2<=x1&&cy[v]+H[v]/2>=y0&&cy[v]-H[v]/2<=y1;}
    function segIn(ax,ay,bx,by,r){return Math.max(ax,bx)+r>=x0&&Math.min(ax,bx)-r<=x1&&Math.max(ay,by)+r>=y0&&Math.min(ay,by)-r<=y1;}
    var edges=document.createDocumentFragment(),dots=document.createDocumentFragment(),boxes=document.createDocumentFragment();
    var k,count=0,text=s>=0.3,names=s>=SCHEME;
    // The line from claim v towards t: into a junction when its relation has one (w, see
    // map_data), else to t's box; sc the scheme the line carries.
    function link(v,t,w,sc,cls){
      var e,q=w>>1,head=w<0||(w&1);
      if(w>=0&&jon[q]){
        if(!segIn(cx[v],cy[v],jx[q],jy[q],Math.max(W[v],H[v])))return;
        e=line(cx[v],cy[v],W[v]/2,H[v]/2,jx[q],jy[q],head?4:0,head?4:0,cls,head,edges,v);
      }else{
        if(!segIn(cx[v],cy[v],cx[t],cy[t],Math.max(W[v],H[v],W[t],H[t])))return;
        e=line(cx[v],cy[v],W[v]/2,H[v]/2,cx[t],cy[t],W[t]/2,H[t]/2,cls,1,edges,v);
      }
      if(names&&sc>=0)nameOn(sc,e,dots);
    }
    for(k=0;k<vis.length;k++){
      v=vis[k];var p=P[v];
      if(p>=0&&shown[p])link(v,p,V?V[v]:-1,S?S[v]:-1,KIND[D.k[v]]);
      if(!inView(v))continue;
      if(++count>4000)break;
      box(v,boxes,text);
    }
    for(k=0;k<D.x.length;k++){
      var x=D.x[k];
      if(shown[x[0]]&&shown[x[1]])link(x[0],x[1],x.length>3?x[3]:-1,x.length>4?x[4]:-1,KIND[x[2]]+' x');
    }
    // Each junction: its line into its target (a claim, or the junction of the inference it
    // bears on), then the dot over the lines.
    for(k=0;k<nj;k++){
      if(!jon[k])continue;
      var tg=J[k][0],up=tg<0&&jon[-1-tg]?-1-tg:-1,tc=jc[k],cl=(J[k][1]?'a':'s')+(tg<0?' u':'');
      var ex=up>=0?jx[up]:tc>=0?cx[tc]:jx[k],ey=up>=0?jy[up]:tc>=0?cy[tc]:jy[k];
      if(!segIn(jx[k],jy[k],ex,ey,up>=0||tc<0?8:Math.max(W[tc],H[tc])))continue;
      if(tc>=0&&shown[tc]||up>=0)line(jx[k],jy[k],0,0,ex,ey,up>=0?4:W[tc]/2,up>=0?4:H[tc]/2,cl,1,edges,'j'+k);
      var dot=el('circle',{'class':'j '+cl.charAt(0),cx:f1(jx[k]),cy:f1(jy[k]),r:4,'data-j':k},dots);
      var sc=J[k][2],tt=el('title',{},dot);tt.textContent=(J[k][1]?'attack':'support')+(sc>=0?': '+SN[sc]:'');
      if(names&&sc>=0){if(vertical)name(sc,jx[k]+8,jy[k]+3,'start',dots);else name(sc,jx[k],jy[k]-8,'middle',dots);}
    }
    gE.textContent='';gB.textContent='';gE.appendChild(edges);gE.appendChild(dots);gB.appendChild(boxes);
    drawMini();
  }
  function box(v,parent,text){
    var x=cx[v]-W[v]/2,y=cy[v]-H[v]/2,g=el('g',{'class':'claim role-'+D.roles[D.r[v]]+(v===sel?' hl':'')+(hit[v]?' hit':''),'data-c':v},parent);
    el('rect',{'class':'box',x:f1(x),y:f1(y),width:W[v],height:H[v],rx:4},g);
    if(text){
      var t=el('text',{'class':'cap',x:f1(x+PAD),y:f1(y+5+9),'font-size':9},g);t.textContent=D.cap?D.cap[v]:D.roles[D.r[v]].toUpperCase()+' \u00b7 '+D.id[v];
      var lines=D.t[v].split('\n'),fs=D.r[v]===0?14:11;
      for(var l=0;l<lines.length;l++){
        var tl=el('text',{x:f1(x+PAD),y:f1(y+5+11.25+(l+1)*fs*1.25-fs*0.25),'font-size':fs},g);
        if(D.r[v]===0)tl.setAttribute('font-weight','bold');
        tl.textContent=lines[l];
      }
    }
    var ks=kids[v].length,cut=ks&&showKids(v).length<ks;
    if(ks&&(cut||!focusOn)){
      var label=cut?'+'+hidden[v]:'\u2212',bw=cut?8+6.5*label.length:16,bx,by;
      if(vertical){bx=cx[v]-bw/2;by=sign>0?y+H[v]-6:y-6;}else{bx=sign>0?x+W[v]-6:x-bw+6;by=cy[v]-6;}
      var b=el('g',{'class':'badge','data-b':v},parent);
      var tt=el('title',{},b);tt.textContent=cut?hidden[v]+' hidden: unfold':'fold';
      el('rect',{x:f1(bx),y:f1(by),width:f1(bw),height:12,rx:6},b);
      var bt=el('text',{x:f1(bx+bw/2),y:f1(by+9.5),'text-anchor':'middle'},b);bt.textContent=label;
    }
  }
  function redraw(){if(!frame)frame=requestAnimationFrame(draw);}
  // ------------------------------------------------------------ minimap
  var base=document.createElement('canvas');base.width=mini.width;base.height=mini.height;
  var mscale=1,mx=0,my=0;
  function drawMiniBase(){
    var c=base.getContext('2d'),bw=bounds[2]-bounds[0],bh=bounds[3]-bounds[1];
    mscale=Math.min((base.width-8)/bw,(base.height-8)/bh);
    mx=4-bounds[0]*mscale+((base.width-8)-bw*mscale)/2;my=4-bounds[1]*mscale+((base.height-8)-bh*mscale)/2;
    c.clearRect(0,0,base.width,base.height);
    for(var k=0;k<vis.length;k++){
      v=vis[k];c.fillStyle=D.r[v]===0?'#1d1d1f':hit[v]?'#f2b600':'#9aa0a6';
      c.fillRect(mx+(cx[v]-W[v]/2)*mscale,my+(cy[v]-H[v]/2)*mscale,Math.max(1,W[v]*mscale),Math.max(1,H[v]*mscale));
    }
  }
  function drawMini(){
    var c=mini.getContext('2d');c.clearRect(0,0,mini.width,mini.height);c.drawImage(base,0,0);
    c.strokeStyle='#c62828';c.lineWidth=1.5;
    c.strokeRect(mx+(-tx/s)*mscale,my+(-ty/s)*mscale,view.clientWidth/s*mscale,view.clientHeight/s*mscale);
  }
  function miniGo(ev){var r=mini.getBoundingClientRect();centreAt((ev.clientX-r.left-mx)/mscale,(ev.clientY-r.top-my)/mscale);}
  // ------------------------------------------------------------ outline
  var ROWS=2000;
  function outline(){
    var frag=document.createDocumentFragment(),lv0=vis.length?depth[vis[0]]:0;
    for(var k=0;k<vis.length&&k<ROWS;k++){
      v=vis[k];
      var li=document.createElement('li');li.className='role-'+D.roles[D.r[v]]+(v===sel?' sel':'');
      li.setAttribute('data-o',v);li.style.paddingLeft=(0.3+0.9*(depth[v]-lv0))+'em';
      var tw=document.createElement('span');tw.className='tw';
      var cut=kids[v].length&&showKids(v).length<kids[v].length;
      tw.textContent=kids[v].length?(cut?'\u25b8':'\u25be'):'\u00b7';li.appendChild(tw);
      li.appendChild(document.createTextNode(D.t[v].replace(/\n/g,' ')));
      if(cut){var nn=document.createElement('span');nn.className='n';nn.textContent=' +'+hidden[v];li.appendChild(nn);}
      frag.appendChild(li);
    }
    if(vis.length>ROWS){var more=document.createElement('li');more.textContent='\u2026 '+(vis.length-ROWS)+' more in the map';frag.appendChild(more);}
    list.textContent='';list.appendChild(frag);
  }
  function outlineSel(){
    var old=list.querySelector('li.sel');if(old)old.classList.remove('sel');
    var row=list.querySelector('li[data-o="'+sel+'"]');if(!row)return;
    row.classList.add('sel');
    var o=$('outline'),r=row.offsetTop-o.offsetTop;
    if(r<o.scrollTop||r>o.scrollTop+o.clientHeight-row.offsetHeight)o.scrollTop=r-o.clientHeight/2;
  }
  list.addEventListener('click',function(ev){
    var t=ev.target,row=t instanceof Element?t.closest('li[data-o]'):null;if(!row)return;
    var k=+row.getAttribute('data-o');
    if(t.classList.contains('tw'))toggle(k);else show(k,'outline');
  });
  // ------------------------------------------------------------ moving about
  function zoomAt(f,px,py){var ns=Math.min(4,Math.max(0.01,s*f));tx=px-(px-tx)*ns/s;ty=py-(py-ty)*ns/s;s=ns;redraw();}
  function centreAt(x,y){tx=view.clientWidth/2-x*s;ty=view.clientHeight/2-y*s;redraw();}
  function onScreen(v){var x=cx[v]*s+tx,y=cy[v]*s+ty;return x-W[v]*s/2>=0&&x+W[v]*s/2<=view.clientWidth&&y-H[v]*s/2>=0&&y+H[v]*s/2<=view.clientHeight;}
  function fitScale(b){
    var vw=view.clientWidth||600,vh=view.clientHeight||400;
    return Math.min(1,vw/(b[2]-b[0]+40),vh/(b[3]-b[1]+40));
  }
  function fitTo(b,sc){
    var vw=view.clientWidth||600,vh=view.clientHeight||400;
    s=sc;tx=(vw-(b[2]+b[0])*s)/2;ty=(vh-(b[3]+b[1])*s)/2;
  }
  // Fit: the whole of the laid-out map in the pane, however small.
  function fit(){fitTo(bounds,Math.max(0.01,fitScale(bounds)));redraw();}
  // Home: the whole map if its text stays legible that way; else, at a legible scale, the
  // top of what is laid out (the first thesis; in focus mode, the farthest conclusion shown)
  // at the edge of the pane on the side of the conclusions, and claim r (the first thesis,
  // or the selected claim) placed across so that as many of the claims right under it as
  // can be are in view (the minimap shows the rest).  On opening, the outline starts hidden
  // when that alone makes room for r and the claims under it.
  function home(r,opening){
    var L=LEGIBLE/TEXT,k,u;
    if(!vis.length){redraw();return;}
    if(fitScale(bounds)>=L){fitTo(bounds,fitScale(bounds));redraw();return;}
    var c=showKids(r),g=[cx[r]-W[r]/2,cy[r]-H[r]/2,cx[r]+W[r]/2,cy[r]+H[r]/2];
    for(k=0;k<c.length;k++){u=c[k];g=[Math.min(g[0],cx[u]-W[u]/2),Math.min(g[1],cy[u]-H[u]/2),Math.max(g[2],cx[u]+W[u]/2),Math.max(g[3],cy[u]+H[u]/2)];}
    var o=$('outline'),gw=(g[2]-g[0]+40)*L;
    if(opening&&!o.hidden&&gw>view.clientWidth){
      o.hidden=true;
      if(gw>view.clientWidth)o.hidden=false;else $('outline-toggle').setAttribute('aria-pressed','false');
    }
    var vw=view.clientWidth||600,vh=view.clientHeight||400;
    s=L;
    var va=vertical?vw:vh,vl=vertical?vh:vw,win=(va-40)/s;
    function lo(v){return vertical?cx[v]-W[v]/2:cy[v]-H[v]/2;}
    var r0=lo(r),r1=r0+across(r),mid=(r0+r1-win)/2,at=mid;
    if(r1-r0<=win&&c.length<=500){
      // where the window [at, at+win] may start and keep r in view: try each premise's edges
      var best=-1,a=r1-win,b=r0,cand=[mid];
      for(k=0;k<c.length;k++){cand.push(lo(c[k]),lo(c[k])+across(c[k])-win);}
      for(k=0;k<cand.length;k++){
        var st=Math.max(a,Math.min(b,cand[k])),count=0;
        for(var m=0;m<c.length;m++){u=c[m];if(lo(u)>=st-0.5&&lo(u)+across(u)<=st+win+0.5)count++;}
        if(count>best||count===best&&Math.abs(st-mid)<Math.abs(at-mid)){best=count;at=st;}
      }
    }
    var top=vis[0],rc=vertical?cy[top]:cx[top],ra=along(top)/2,ta=20-at*s,tl=sign>0?20-(rc-ra)*s:vl-20-(rc+ra)*s;
    if(vertical){tx=ta;ty=tl;}else{tx=tl;ty=ta;}
    redraw();
  }
  function toggle(k){
    if(!kids[k].length)return;
    if(focusOn){focusOn=false;$('focus').checked=false;}
    var x=cx[k]*s+tx,y=cy[k]*s+ty;
    folded[k]=showKids(k).length<kids[k].length?0:1;
    layout();tx=x-cx[k]*s;ty=y-cy[k]*s;draw();
  }
  function reveal(k){
    var changed=false;
    if(focusOn){layout();return true;}
    for(var a=P[k];a>=0;a=P[a])if(folded[a]){folded[a]=0;changed=true;}
    if(!shown[k])changed=true;
    if(changed)layout();
    return changed;
  }
  function select(k,centre){
    var old=sel;sel=k;
    reveal(k);
    if(old!==k||centre)outline();
    outlineSel();
    if(centre||!onScreen(k))centreAt(cx[k],cy[k]);
    draw();
  }
  var dragging=null,moved=false,suppress=false;
  view.addEventListener('pointerdown',function(ev){
    if(ev.button!==0||ev.target===mini)return;
    dragging=[ev.clientX,ev.clientY,tx,ty];moved=false;
  });
  window.addEventListener('pointermove',function(ev){
    if(!dragging)return;
    var dx=ev.clientX-dragging[0],dy=ev.clientY-dragging[1];
    if(!moved&&Math.abs(dx)+Math.abs(dy)<5)return;
    moved=true;view.classList.add('drag');tx=dragging[2]+dx;ty=dragging[3]+dy;redraw();
  });
  window.addEventListener('pointerup',function(){if(dragging&&moved)suppress=true;dragging=null;view.classList.remove('drag');});
  view.addEventListener('wheel',function(ev){
    ev.preventDefault();var r=view.getBoundingClientRect();
    zoomAt(Math.pow(1.0015,-ev.deltaY),ev.clientX-r.left,ev.clientY-r.top);
  },{passive:false});
  view.addEventListener('dblclick',function(ev){var g=ev.target instanceof Element&&ev.target.closest('g.claim');if(g)toggle(+g.getAttribute('data-c'));});
  mini.addEventListener('pointerdown',function(ev){ev.stopPropagation();miniGo(ev);});
  function key(ev){
    var k=ev.key,vw=view.clientWidth/2,vh=view.clientHeight/2;
    if(k==='+'||k==='=')zoomAt(1.25,vw,vh);
    else if(k==='-'||k==='_')zoomAt(0.8,vw,vh);
    else if(k==='0')fit();
    else if(k==='ArrowUp'||k==='ArrowDown'||k==='ArrowLeft'||k==='ArrowRight'){
      if(sel<0){show(roots[0],'key');ev.preventDefault();return;}
      var t=-1;
      if(k==='ArrowUp')t=P[sel];
      else if(k==='ArrowDown'){if(kids[sel].length){if(folded[sel]&&!focusOn){folded[sel]=0;layout();}t=showKids(sel)[0];}}
      else{var sib=P[sel]>=0?showKids(P[sel]):roots,at=sib.indexOf(sel);t=sib[at+(k==='ArrowLeft'?-1:1)];if(t===undefined)t=-1;}
      if(t>=0)show(t,'key');
    }else if(k==='Enter'||k===' '){if(sel>=0)toggle(sel);}
    else return;
    ev.preventDefault();
  }
  view.addEventListener('keydown',key);
  $('zoom-in').addEventListener('click',function(){zoomAt(1.25,view.clientWidth/2,view.clientHeight/2);});
  $('zoom-out').addEventListener('click',function(){zoomAt(0.8,view.clientWidth/2,view.clientHeight/2);});
  $('fit').addEventListener('click',fit);
  $('outline-toggle').addEventListener('click',function(){
    var o=$('outline');o.hidden=!o.hidden;this.setAttribute('aria-pressed',String(!o.hidden));redraw();
  });
  function setFocus(){
    focusOn=$('focus').checked&&sel>=0;focusK=Math.max(1,Math.min(20,+$('focus-k').value||2));
    // into focus: the claims around the selected one, legible; out of it: the same claim, centred
    layout();if(focusOn)home(sel);else if(sel>=0)centreAt(cx[sel],cy[sel]);else home(roots[0]);
  }
  $('focus').addEventListener('change',setFocus);
  $('focus-k').addEventListener('change',function(){if(focusOn)setFocus();});
  // ------------------------------------------------------------ search
  var hay=null,matches=[],at=-1,asked=null;
  function find(step){
    var q=$('find').value.trim().toLowerCase();
    if(!q){$('hits').textContent='';return;}
    if(q!==asked){
      asked=q;
      if(!hay){hay=[];for(var k=0;k<n;k++)hay.push(D.id[k].toLowerCase()+'\n'+D.t[k].toLowerCase().replace(/\n/g,' '));}
      var words=q.split(/\s+/);
      for(k=0;k<matches.length;k++)hit[matches[k]]=0;
      matches=[];
      for(k=0;k<n;k++){
        if(D.id[k].toLowerCase()===q){matches.unshift(k);continue;}
        var ok=true;for(var w=0;w<words.length;w++)if(hay[k].indexOf(words[w])<0){ok=false;break;}
        if(ok)matches.push(k);
      }
      for(k=0;k<matches.length;k++)hit[matches[k]]=1;
      at=step>0?-1:0;
      drawMiniBase();
    }
    if(!matches.length){$('hits').textContent='no match';draw();return;}
    at=(at+step+matches.length)%matches.length;
    $('hits').textContent=(at+1)+' / '+matches.length;
    show(matches[at],'search');
  }
  $('find').addEventListener('keydown',function(ev){if(ev.key==='Enter'){ev.preventDefault();find(ev.shiftKey?-1:1);}});
  $('find').addEventListener('search',function(){if(!$('find').value){asked=null;for(var k=0;k<matches.length;k++)hit[matches[k]]=0;matches=[];$('hits').textContent='';drawMiniBase();draw();}});
  $('next').addEventListener('click',function(){find(1);});
  $('prev').addEventListener('click',function(){find(-1);});
  // ------------------------------------------------------------ the card of a large map
  function card(k){
    var c=$('card');if(!c)return;
    c.textContent='';
    var d=document.createElement('div');d.className='claim role-'+D.roles[D.r[k]];
    var r=document.createElement('span');r.className='role';r.textContent=D.roles[D.r[k]];
    var id=document.createElement('code');id.className='id';id.textContent=D.id[k];
    var t=document.createElement('span');t.className='text';t.textContent=D.t[k].replace(/\n/g,' ');
    d.appendChild(r);d.appendChild(document.createTextNode(' '));d.appendChild(id);d.appendChild(document.createTextNode(' '));d.appendChild(t);
    if(P[k]>=0){
      // what its line in the map says: the relation's kind, its conclusion and its scheme
      var w=V?V[k]:-1,sc=S?S[k]:-1;if(w>=0&&!(w&1))sc=J[w>>1][2];
      var b=document.createElement('p');b.className='meta bears';
      b.textContent=['supports','attacks','backs the inference to','undercuts the inference to'][D.k[k]]+' '+D.id[P[k]];
      if(sc>=0){b.appendChild(document.createTextNode(' \u00b7 scheme '));var e=document.createElement('span');e.className='scheme';e.textContent=SN[sc];b.appendChild(e);}
      d.appendChild(b);
    }
    c.appendChild(d);
  }
  window.addEventListener('resize',redraw);
  layout();home(roots[0],true);draw();
  function chunk(k){return D.qch?D.qch[k]:-1;}
  return {select:select,toggle:toggle,card:card,chunk:chunk,dragged:function(){var d=suppress;suppress=false;return d;}};
}
})();
