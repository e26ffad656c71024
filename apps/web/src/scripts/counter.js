(function(d,s){var u=s&&s.getAttribute('data-counter');if(!u||!window.fetch)return;
function go(){var v=d.querySelector('[data-views]'),b=v?{article:v.getAttribute('data-views')}:{};
fetch(u,{method:'POST',body:JSON.stringify(b),keepalive:true,credentials:'omit',headers:{'Content-Type':'text/plain'}}).then(function(r){if(r.ok)return r.json()}).then(function(j){if(!j)return;var f=new Intl.NumberFormat('vi-VN'),t=j.stats||{},m=j.mostRead||[];
if(v&&typeof j.views=='number')v.textContent=f.format(j.views);
d.querySelectorAll('[data-stat]').forEach(function(e){var n=t[e.getAttribute('data-stat')];if(typeof n=='number')e.textContent=f.format(n)});
if(m.length)d.querySelectorAll('[data-most-read] [data-line]').forEach(function(e,i){var a=m[i],k=d.createElement(a?'a':'span');if(a){k.href='/bai-viet/'+encodeURIComponent(a.slug)+'/';k.textContent=a.title}else k.textContent='—';e.replaceChildren(k)})}).catch(function(){})}
d.prerendering?d.addEventListener('prerenderingchange',go,{once:true}):go()})(document,document.currentScript);
