// Loaded with `node --import` before Portkey's gateway: its server calls listen(port) without a host, which would bind
// every interface; this makes it 127.0.0.1 only, like every other server the benchmarks start.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
    if (typeof args[0] === 'number') {
        if (args[1] === undefined || args[1] === null) args[1] = '127.0.0.1';
        else if (typeof args[1] === 'function') args.splice(1, 0, '127.0.0.1');
    }
    return listen.apply(this, args);
};
